using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CrmFlow.Server.Authentication;

/// <summary>
/// Authentication schemes. The default is a policy scheme that forwards by header:
/// <c>Authorization: ApiKey …</c> or <c>X-Api-Key</c> → <see cref="ApiKeyScheme"/>; any other <c>Authorization</c>
/// header → JWT bearer; no <c>Authorization</c> header → the web UI's <see cref="CookieScheme"/> when the request
/// carries its cookie or is a page (pages then redirect to <c>/signin</c>), else JWT bearer (API calls without
/// credentials keep answering 401, never a redirect).
/// </summary>
internal static class AuthenticationSetup
{
    public const string PolicyScheme = "CrmFlow";
    public const string ApiKeyScheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string CookieScheme = "Cookies";
    public const string CookieName = "CrmFlow.Auth";
    public const string SignInPath = "/signin";

    /// <summary>Path prefixes of machine APIs: they answer 401/403, never redirect to the sign-in page.</summary>
    private static readonly string[] ApiPrefixes = ["/api", "/elsa", "/workflows"];

    public static IServiceCollection AddCrmFlowAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "Bearer token, API key or web UI cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = "/access-denied";
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            })
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

                    // The token library reads the system clock; the issuer uses the host's TimeProvider. Judge the
                    // lifetime by the same clock that stamped it, so a moved clock (tests, time-travel runs) agrees.
                    LifetimeValidator = (notBefore, expires, _, parameters) =>
                    {
                        var now = time.GetUtcNow().UtcDateTime;
                        return (notBefore is not { } from || from - parameters.ClockSkew <= now)
                            && (expires is not { } until || now < until + parameters.ClockSkew);
                    },
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

    /// <summary>True for the machine API paths (<c>/api</c>, <c>/elsa</c>, <c>/workflows</c>).</summary>
    public static bool IsApiPath(PathString path) =>
        ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    private static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (ReadApiKey(request) is not null)
        {
            return ApiKeyScheme;
        }

        if (!string.IsNullOrEmpty(request.Headers.Authorization))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        return request.Cookies.ContainsKey(CookieName) || !IsApiPath(request.Path)
            ? CookieScheme
            : JwtBearerDefaults.AuthenticationScheme;
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiPath(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
