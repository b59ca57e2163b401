using System.Security.Cryptography;
using System.Text;

namespace CrmFlow.Crm.Features.Identity.Tokens;

/// <summary>Random secrets (API keys, refresh tokens) and their stored form.</summary>
internal static class SecretHashing
{
    /// <summary>Lower-case hex SHA-256 of the UTF-8 secret. Fine for high-entropy secrets, not for passwords.</summary>
    public static string Sha256Hex(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>A URL-safe random string carrying <paramref name="bytes"/> bytes of entropy.</summary>
    public static string NewSecret(int bytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A new API key, <c>cfk_</c> + 43 random characters (256 bits).</summary>
    public static string NewApiKey() => "cfk_" + NewSecret();

    /// <summary>The visible part of a key kept beside its hash.</summary>
    public static string KeyPrefix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= 8 ? key[..Math.Min(4, key.Length)] : key[..8];
    }
}
