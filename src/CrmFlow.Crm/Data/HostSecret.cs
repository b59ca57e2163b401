namespace CrmFlow.Crm.Data;

/// <summary>
/// A secret generated once and shared by every host on the database, e.g. the token signing key
/// when <c>Auth:SigningKey</c> is not configured.
/// </summary>
internal sealed class HostSecret
{
    public const string JwtSigningKey = "jwt-signing-key";

    private HostSecret()
    {
    }

    public HostSecret(string name, string value, DateTimeOffset createdAt)
    {
        Name = name;
        Value = value;
        CreatedAt = createdAt;
    }

    public string Name { get; private set; } = null!;

    /// <summary>Base64 key material.</summary>
    public string Value { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }
}
