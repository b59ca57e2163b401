using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Identity.Login;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.RefreshAccessToken;

/// <summary>Optional body of <c>POST /identity/refresh-token</c>; Elsa Studio sends the token as a bearer header instead.</summary>
public sealed record RefreshAccessTokenRequest(string? RefreshToken);

/// <summary>Exchanges a refresh token for a new pair (rotation). Null when the token is unknown, expired or revoked.</summary>
internal sealed partial class RefreshAccessTokenHandler(
    CrmDbContext db,
    TokenIssuer tokens,
    TimeProvider time,
    ILogger<RefreshAccessTokenHandler> logger)
{
    public async Task<LoginResponse?> HandleAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        var hash = SecretHashing.Sha256Hex(refreshToken);
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (!stored.IsUsableAt(now))
        {
            if (stored.ReplacedByTokenId is not null)
            {
                // A rotated-away token came back: assume it leaked and end every session of the user.
                await db.RefreshTokens
                    .Where(t => t.UserId == stored.UserId && t.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken)
                    .ConfigureAwait(false);
                LogReuse(logger, stored.UserId);
            }

            return null;
        }

        var user = await db.Users.Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Id == stored.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || !user.IsActive)
        {
            return null;
        }

        var issued = tokens.Rotate(user, stored);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new LoginResponse(true, issued.AccessToken, issued.RefreshToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoked refresh token reused for user {UserId}; all its sessions are revoked")]
    private static partial void LogReuse(ILogger logger, Guid userId);
}
