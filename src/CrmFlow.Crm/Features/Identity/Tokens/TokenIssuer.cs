using System.Security.Claims;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmFlow.Crm.Features.Identity.Tokens;

/// <summary>The token pair returned by login and refresh.</summary>
internal sealed record IssuedTokens(string AccessToken, string RefreshToken, Guid RefreshTokenId, DateTimeOffset AccessTokenExpiresAt);

/// <summary>
/// Issues an access token (HMAC-signed JWT with Elsa's claim names: <c>sub</c>, <c>name</c>, <c>role</c>,
/// <c>token_use</c>) and an opaque refresh token, added to the context for the caller to save.
/// </summary>
internal sealed class TokenIssuer(CrmDbContext db, SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider time)
{
    public IssuedTokens Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var auth = options.Value;
        var now = time.GetUtcNow();
        var expires = now + auth.AccessTokenLifetime;

        var claims = new List<Claim>
        {
            new(CrmClaimTypes.Subject, user.Id.ToString()),
            new(CrmClaimTypes.Name, user.UserName),
            new(CrmClaimTypes.DisplayName, user.DisplayName),
            new(CrmClaimTypes.PrincipalKind, CrmClaimTypes.UserKind),
            new(CrmClaimTypes.TokenUse, "access"),
            new(JwtRegisteredClaimNames.Jti, Guid.CreateVersion7().ToString()),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(CrmClaimTypes.Role, r.Role)));

        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        };
        var accessToken = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);

        var refreshToken = SecretHashing.NewSecret(48);
        var stored = new RefreshToken(
            Guid.CreateVersion7(), user.Id, SecretHashing.Sha256Hex(refreshToken), now, now + auth.RefreshTokenLifetime);
        db.RefreshTokens.Add(stored);

        return new IssuedTokens(accessToken, refreshToken, stored.Id, expires);
    }

    /// <summary>Adds the next refresh token of a rotation and revokes <paramref name="previous"/>.</summary>
    public IssuedTokens Rotate(User user, RefreshToken previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var tokens = Issue(user);
        previous.Revoke(time.GetUtcNow(), tokens.RefreshTokenId);
        return tokens;
    }
}
