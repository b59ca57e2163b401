using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmFlow.Crm.Features.Identity.Login;

internal static class LoginEndpoint
{
    /// <summary><c>POST {elsa}/identity/login</c>: 200 with <c>isAuthenticated</c> true or false, as Elsa answers.</summary>
    public static RouteHandlerBuilder MapLogin(this IEndpointRouteBuilder elsa) =>
        elsa.MapPost("/identity/login", HandleAsync)
            .AllowAnonymous()
            .WithName("Login")
            .WithTags("Identity")
            .WithSummary("Signs a user in (Elsa-compatible)");

    private static async Task<Results<Ok<LoginResponse>, ValidationProblem>> HandleAsync(
        LoginRequest request, LoginHandler handler, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Username))
        {
            errors["username"] = ["Username is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false));
    }
}
