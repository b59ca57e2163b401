using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CrmFlow.Crm.Features.Identity.RefreshAccessToken;

internal static class RefreshAccessTokenEndpoint
{
    /// <summary>
    /// <c>POST {elsa}/identity/refresh-token</c>: the refresh token comes as <c>Authorization: Bearer</c>
    /// (Elsa Studio) or in the body; 401 when it is not valid.
    /// </summary>
    public static RouteHandlerBuilder MapRefreshAccessToken(this IEndpointRouteBuilder elsa) =>
        elsa.MapPost("/identity/refresh-token", HandleAsync)
            .AllowAnonymous()
            .WithName("RefreshToken")
            .WithTags("Identity")
            .WithSummary("Exchanges a refresh token for a new token pair (Elsa-compatible)");

    private static async Task<Results<Ok<Login.LoginResponse>, UnauthorizedHttpResult>> HandleAsync(
        HttpRequest http,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RefreshAccessTokenRequest? body,
        RefreshAccessTokenHandler handler,
        CancellationToken cancellationToken)
    {
        var token = body?.RefreshToken;
        var header = http.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }

        if (string.IsNullOrEmpty(token))
        {
            return TypedResults.Unauthorized();
        }

        var response = await handler.HandleAsync(token, cancellationToken).ConfigureAwait(false);
        return response is null ? TypedResults.Unauthorized() : TypedResults.Ok(response);
    }
}
