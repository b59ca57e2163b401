using CrmFlow.Crm;
using CrmFlow.Server.Hosting;
using CrmFlow.Server.Studio;
using CrmFlow.Server.WebUi;
using CrmFlow.Workflows.Api;
using CrmFlow.Workflows.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmFlowHost();
builder.AddWorkflowsPersistence();
builder.AddCrm();
builder.AddWorkflowsApi();
builder.AddCrmWebUi();

var app = builder.Build();
app.UseCrmFlowHost();
app.MapCrmFlowHost();
app.MapCrm();
app.MapWorkflowsApi();
app.MapElsaStudio();
app.MapCrmWebUi();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
