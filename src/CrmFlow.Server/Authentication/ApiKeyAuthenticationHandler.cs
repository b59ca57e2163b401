using System.Security.Claims;
using System.Text.Encodings.Web;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Identity.AuthenticateApiKey;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CrmFlow.Server.Authentication;

/// <summary>Authenticates integration clients by API key (stored hashed); unknown or revoked keys fail.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateApiKeyHandler apiKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = AuthenticationSetup.ReadApiKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var client = await apiKeys.HandleAsync(key, Context.RequestAborted).ConfigureAwait(false);
        if (client is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim>
        {
            new(CrmClaimTypes.Subject, client.Id.ToString()),
            new(CrmClaimTypes.Name, client.Name),
            new(CrmClaimTypes.DisplayName, client.Name),
            new(CrmClaimTypes.PrincipalKind, CrmClaimTypes.ApiClientKind),
        };
        claims.AddRange(client.Roles.Select(r => new Claim(CrmClaimTypes.Role, r)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, CrmClaimTypes.Name, CrmClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = AuthenticationSetup.ApiKeyScheme;
        return Task.CompletedTask;
    }
}
