using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Identity.ListApiClients;

internal static class ListApiClientsEndpoint
{
    /// <summary><c>GET /api/api-clients</c>: administrators.</summary>
    public static RouteHandlerBuilder MapListApiClients(this IEndpointRouteBuilder api) =>
        api.MapGet("/api-clients", async (ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListApiClientsQuery(), cancellationToken)))
            .RequireAuthorization(Policies.Administrator)
            .WithName("ListApiClients")
            .WithTags("Identity")
            .WithSummary("Integration clients (never their keys)");
}
