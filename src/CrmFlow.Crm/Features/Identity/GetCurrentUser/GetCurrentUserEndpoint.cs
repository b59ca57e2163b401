using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmFlow.Crm.Features.Identity.GetCurrentUser;

internal static class GetCurrentUserEndpoint
{
    /// <summary><c>GET /api/me</c>: any authenticated caller.</summary>
    public static RouteHandlerBuilder MapGetCurrentUser(this IEndpointRouteBuilder api) =>
        api.MapGet("/me", HandleAsync)
            .RequireAuthorization()
            .WithName("GetCurrentUser")
            .WithTags("Identity")
            .WithSummary("The signed-in user or API client, with roles");

    private static async Task<Results<Ok<CurrentUserResponse>, UnauthorizedHttpResult>> HandleAsync(
        ClaimsPrincipal user, GetCurrentUserHandler handler, CancellationToken cancellationToken)
    {
        var me = await handler.HandleAsync(user, cancellationToken).ConfigureAwait(false);
        return me is null ? TypedResults.Unauthorized() : TypedResults.Ok(me);
    }
}
