using System.Security.Claims;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Identity.Login;
using CrmFlow.Crm.Features.Identity.Tokens;
using CrmFlow.Server.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Server.WebUi;

/// <summary>Cookie sign-in and sign-out for the web UI, the language switch, and the Studio's token from the cookie session.</summary>
internal static class WebUiAuthenticationEndpoints
{
    public const string SignInEndpoint = "/auth/signin";
    public const string SignOutEndpoint = "/auth/signout";
    public const string CultureEndpoint = "/culture";
    public const string StudioTokenEndpoint = "/api/auth/studio-token";

    public static IEndpointRouteBuilder MapWebUiAuthentication(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignInEndpoint, SignInAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(SignOutEndpoint, (Func<HttpContext, Task<IResult>>)SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(CultureEndpoint, SetCulture).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(StudioTokenEndpoint, StudioTokenAsync)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AuthenticationSetup.CookieScheme).RequireAuthenticatedUser())
            .WithTags("Identity")
            .WithSummary("A Studio token pair for the signed-in web UI user (cookie session only).");
        return endpoints;
    }

    /// <summary>True for a path of this site (<c>/x</c>), never another origin (<c>//host</c>, <c>/\host</c>, <c>http:…</c>).</summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\n', StringComparison.Ordinal)
        && !url.Contains('\r', StringComparison.Ordinal);

    private static async Task<IResult> SignInAsync(
        [FromForm] string? username,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        HttpContext context,
        LoginHandler login)
    {
        var target = IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return Refused(target);
        }

        // The same password check (and rehash, logging, timing) as the API login, without issuing API tokens.
        var user = await login.VerifyAsync(new LoginRequest(username, password), context.RequestAborted);
        if (user is null)
        {
            return Refused(target);
        }

        var claims = new List<Claim>
        {
            new(CrmClaimTypes.Subject, user.Id.ToString()),
            new(CrmClaimTypes.Name, user.UserName),
            new(CrmClaimTypes.DisplayName, user.DisplayName),
            new(CrmClaimTypes.PrincipalKind, CrmClaimTypes.UserKind),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(CrmClaimTypes.Role, r.Role)));
        var identity = new ClaimsIdentity(claims, AuthenticationSetup.CookieScheme, CrmClaimTypes.Name, CrmClaimTypes.Role);
        await context.SignInAsync(AuthenticationSetup.CookieScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(target);
    }

    private static IResult Refused(string returnUrl) =>
        Results.LocalRedirect($"{AuthenticationSetup.SignInPath}?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(AuthenticationSetup.CookieScheme);
        return Results.LocalRedirect(AuthenticationSetup.SignInPath);
    }

    private static IResult SetCulture(string? name, string? returnUrl, HttpContext context)
    {
        var culture = WebUiModule.Cultures.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (culture is not null)
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return Results.LocalRedirect(IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    private static async Task<IResult> StudioTokenAsync(HttpContext context, CrmDbContext db, TokenIssuer tokens)
    {
        if (!Guid.TryParse(context.User.FindFirstValue(CrmClaimTypes.Subject), out var id))
        {
            return Results.Unauthorized();
        }

        var user = await db.Users.Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Id == id && u.IsActive, context.RequestAborted);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var issued = tokens.Issue(user);
        await db.SaveChangesAsync(context.RequestAborted);
        return Results.Ok(new StudioTokenResponse(issued.AccessToken, issued.RefreshToken));
    }
}

/// <summary>The token pair the Studio host page uses (the same tokens as the API login).</summary>
public sealed record StudioTokenResponse(string AccessToken, string RefreshToken);
