using System.Collections.Concurrent;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.AuthenticateApiKey;

/// <summary>An API client recognised by its key.</summary>
internal sealed record ApiClientIdentity(Guid Id, string Name, string KeyPrefix, IReadOnlyList<string> Roles);

/// <summary>Finds the non-revoked API client whose key hash matches; used by the host's ApiKey scheme.</summary>
internal sealed class AuthenticateApiKeyHandler(CrmDbContext db, ApiKeyCache cache)
{
    public async Task<ApiClientIdentity?> HandleAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 256)
        {
            return null;
        }

        var hash = SecretHashing.Sha256Hex(apiKey.Trim());
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var version = cache.Version;
        var client = await db.ApiClients.AsNoTracking()
            .Where(c => c.KeyHash == hash && c.RevokedAt == null)
            .Select(c => new { c.Id, c.Name, c.KeyPrefix, Roles = c.Roles.Select(r => r.Role).ToList() })
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (client is null)
        {
            return null;
        }

        var identity = new ApiClientIdentity(client.Id, client.Name, client.KeyPrefix, client.Roles);
        cache.Set(hash, identity, version);
        return identity;
    }
}

/// <summary>
/// Recognised API keys (by hash) for <see cref="Duration"/>, so an integration client's requests do not each read the
/// database. Revoking on this host clears it at once; a revocation made through another host sharing the database
/// takes effect here within <see cref="Duration"/>. Unknown keys are never cached.
/// </summary>
internal sealed class ApiKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (ApiClientIdentity Identity, long CachedAt)> _entries = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Read before a lookup and pass to <see cref="Set"/>: a lookup that raced with a revocation is not kept.</summary>
    public long Version => Interlocked.Read(ref _version);

    public bool TryGet(string keyHash, out ApiClientIdentity? identity)
    {
        if (_entries.TryGetValue(keyHash, out var entry) && time.GetElapsedTime(entry.CachedAt) < Duration)
        {
            identity = entry.Identity;
            return true;
        }

        identity = null;
        return false;
    }

    public void Set(string keyHash, ApiClientIdentity identity, long version)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        if (Version == version)
        {
            _entries[keyHash] = (identity, time.GetTimestamp());
        }
    }

    /// <summary>Forgets every key; call after a client is revoked or its roles change.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _entries.Clear();
    }
}
