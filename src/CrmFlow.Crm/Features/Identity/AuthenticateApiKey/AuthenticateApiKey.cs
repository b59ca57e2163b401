using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.AuthenticateApiKey;

/// <summary>An API client recognised by its key.</summary>
internal sealed record ApiClientIdentity(Guid Id, string Name, string KeyPrefix, IReadOnlyList<string> Roles);

/// <summary>Finds the non-revoked API client whose key hash matches; used by the host's ApiKey scheme.</summary>
internal sealed class AuthenticateApiKeyHandler(CrmDbContext db)
{
    public async Task<ApiClientIdentity?> HandleAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 256)
        {
            return null;
        }

        var hash = SecretHashing.Sha256Hex(apiKey.Trim());
        var client = await db.ApiClients.AsNoTracking()
            .Where(c => c.KeyHash == hash && c.RevokedAt == null)
            .Select(c => new { c.Id, c.Name, c.KeyPrefix, Roles = c.Roles.Select(r => r.Role).ToList() })
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);

        return client is null ? null : new ApiClientIdentity(client.Id, client.Name, client.KeyPrefix, client.Roles);
    }
}
