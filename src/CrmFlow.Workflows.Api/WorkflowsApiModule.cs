using CrmFlow.Workflows.Api.Http;
using CrmFlow.Workflows.Api.Runtime;
using CrmFlow.Workflows.Api.Studio;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmFlow.Workflows.Api;

/// <summary>The workflow API module's entry points: the Elsa-Studio-compatible API, runtime endpoints and HTTP workflow triggers.</summary>
public static class WorkflowsApiModule
{
    /// <summary>Base path Elsa Studio is given as <c>remote-endpoint</c>.</summary>
    public const string Prefix = "/elsa/api";

    /// <summary>
    /// The authorization policy that may change definitions and instances (flow designers and administrators).
    /// The host registers it; reading needs an authenticated user only.
    /// </summary>
    public const string DesignerPolicy = "Designer";

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
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization()
            .WithTags("Elsa Studio API")
            .ExcludeFromDescription();
        DescriptorEndpoints.Map(api);
        DefinitionEndpoints.Map(api);
        InstanceEndpoints.Map(api);
        ToolEndpoints.Map(api);
        endpoints.MapWorkflowRuntimeEndpoints();
        endpoints.MapHttpWorkflows();
        return endpoints;
    }
}
