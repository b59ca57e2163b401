using CrmFlow.Workflows.Api.Http;
using CrmFlow.Workflows.Api.Runtime;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmFlow.Workflows.Api;

/// <summary>The workflow API module's entry points: runtime endpoints and HTTP workflow triggers.</summary>
public static class WorkflowsApiModule
{
    /// <summary>Base path Elsa Studio is given as <c>remote-endpoint</c>.</summary>
    public const string Prefix = "/elsa/api";

    public static IHostApplicationBuilder AddWorkflowsApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton<BookmarkTokens>();
        builder.Services.AddScoped<HttpResponseCapture>();
        builder.Services.AddScoped<IHttpResponseSink>(sp => sp.GetRequiredService<HttpResponseCapture>());
        builder.Services.AddSingleton<RuntimeBackgroundWork>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RuntimeBackgroundWork>());
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapWorkflowRuntimeEndpoints();
        endpoints.MapHttpWorkflows();
        return endpoints;
    }
}
