using System.ComponentModel.DataAnnotations;

namespace CrmFlow.Crm.Common.Security;

/// <summary>Token settings, section <c>Auth</c>.</summary>
internal sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>HMAC key for access tokens (at least 32 characters). When empty, a random key is
    /// generated once and kept in the database, so every host on that database shares it.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "CrmFlow";

    [Required]
    public string Audience { get; set; } = "CrmFlow";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(SigningKey) && SigningKey.Length < 32)
        {
            yield return new ValidationResult("Auth:SigningKey must be at least 32 characters.", [nameof(SigningKey)]);
        }

        if (AccessTokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Auth:AccessTokenLifetime must be positive.", [nameof(AccessTokenLifetime)]);
        }

        if (RefreshTokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Auth:RefreshTokenLifetime must be positive.", [nameof(RefreshTokenLifetime)]);
        }
    }
}
