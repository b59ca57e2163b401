using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace CrmFlow.Workflows.Api;

/// <summary>The Elsa-Studio-compatible API module's entry points (endpoints arrive with the engine).</summary>
public static class WorkflowsApiModule
{
    /// <summary>Base path Elsa Studio is given as <c>remote-endpoint</c>.</summary>
    public const string Prefix = "/elsa/api";

    public static IHostApplicationBuilder AddWorkflowsApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
