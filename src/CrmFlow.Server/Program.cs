using CrmFlow.Crm;
using CrmFlow.Server.Hosting;
using CrmFlow.Server.Studio;
using CrmFlow.Workflows.Api;
using CrmFlow.Workflows.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmFlowHost();
builder.AddWorkflowsPersistence();
builder.AddCrm();
builder.AddWorkflowsApi();

var app = builder.Build();
app.UseCrmFlowHost();
app.MapCrmFlowHost();
app.MapCrm();
app.MapWorkflowsApi();
app.MapElsaStudio();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
