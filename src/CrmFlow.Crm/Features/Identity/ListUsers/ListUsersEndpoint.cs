using CrmFlow.Crm.Common.Security;

namespace CrmFlow.Crm.Features.Identity.ListUsers;

internal static class ListUsersEndpoint
{
    /// <summary><c>GET /api/users</c>: administrators only.</summary>
    public static RouteHandlerBuilder MapListUsers(this IEndpointRouteBuilder api) =>
        api.MapGet("/users", async (ListUsersHandler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.HandleAsync(cancellationToken).ConfigureAwait(false)))
            .RequireAuthorization(Policies.Administrator)
            .WithName("ListUsers")
            .WithTags("Identity")
            .WithSummary("All users with department and roles");
}
