using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CrmFlow.Server.Authentication;

/// <summary>
/// Authentication schemes. The default is a policy scheme that forwards by header:
/// <c>Authorization: ApiKey …</c> or <c>X-Api-Key</c> → <see cref="ApiKeyScheme"/>, anything else → JWT bearer.
/// (A cookie scheme for the CRM web UI can join the selector later.)
/// </summary>
internal static class AuthenticationSetup
{
    public const string PolicyScheme = "CrmFlow";
    public const string ApiKeyScheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";

    public static IServiceCollection AddCrmFlowAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "Bearer token or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null);

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<AuthOptions>, TimeProvider>((o, keys, auth, time) =>
            {
                o.MapInboundClaims = false;
                o.TimeProvider = time;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = CrmClaimTypes.Name,
                    RoleClaimType = CrmClaimTypes.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        return services;
    }

    /// <summary>The API key of the request: <c>Authorization: ApiKey &lt;key&gt;</c> (Elsa's form) or <c>X-Api-Key</c>.</summary>
    public static string? ReadApiKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(ApiKeyScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[(ApiKeyScheme.Length + 1)..].Trim();
        }

        var header = request.Headers[ApiKeyHeader].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    private static string SelectScheme(HttpContext context) =>
        ReadApiKey(context.Request) is null ? JwtBearerDefaults.AuthenticationScheme : ApiKeyScheme;
}
