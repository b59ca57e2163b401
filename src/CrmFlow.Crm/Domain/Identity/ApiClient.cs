namespace CrmFlow.Crm.Domain.Identity;

/// <summary>
/// A machine caller (integration client) authenticating with an API key. Only the key's SHA-256
/// hash and a short visible prefix are stored; the key itself is shown once when created.
/// </summary>
internal sealed class ApiClient
{
    private readonly List<ApiClientRole> _roles = [];

    private ApiClient()
    {
    }

    public ApiClient(Guid id, string name, string keyPrefix, string keyHash, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyHash);
        Id = id;
        Name = name;
        KeyPrefix = keyPrefix;
        KeyHash = keyHash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>The first characters of the key, to recognise it in lists and logs.</summary>
    public string KeyPrefix { get; private set; } = null!;

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string KeyHash { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public IReadOnlyCollection<ApiClientRole> Roles => _roles;

    public void AddRole(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        if (!_roles.Exists(r => r.Role == role))
        {
            _roles.Add(new ApiClientRole(Id, role));
        }
    }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}

/// <summary>One role held by an API client.</summary>
internal sealed class ApiClientRole(Guid apiClientId, string role)
{
    public Guid ApiClientId { get; private set; } = apiClientId;

    public string Role { get; private set; } = role;
}
