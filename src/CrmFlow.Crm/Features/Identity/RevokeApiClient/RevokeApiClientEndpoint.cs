using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Identity.RevokeApiClient;

internal static class RevokeApiClientEndpoint
{
    /// <summary><c>DELETE /api/api-clients/{id}</c>: administrators; the key stops working at once on this host, within 10 s on the others.</summary>
    public static RouteHandlerBuilder MapRevokeApiClient(this IEndpointRouteBuilder api) =>
        api.MapDelete("/api-clients/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RevokeApiClientCommand(id), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Administrator)
            .WithName("RevokeApiClient")
            .WithTags("Identity")
            .WithSummary("Revoke an integration client's key");
}
