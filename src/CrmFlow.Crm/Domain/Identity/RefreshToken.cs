namespace CrmFlow.Crm.Domain.Identity;

/// <summary>
/// An opaque refresh token, stored as its SHA-256 hash. Each use rotates it: the old one is revoked
/// and points at its replacement; presenting a revoked one again revokes the whole family.
/// </summary>
internal sealed class RefreshToken
{
    private RefreshToken()
    {
    }

    public RefreshToken(Guid id, Guid userId, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        Id = id;
        UserId = userId;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string TokenHash { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public Guid? ReplacedByTokenId { get; private set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTimeOffset at, Guid? replacedBy = null)
    {
        RevokedAt ??= at;
        ReplacedByTokenId ??= replacedBy;
    }
}
