using System.ComponentModel.DataAnnotations;

namespace CrmFlow.Server.DemoData;

/// <summary>Section <c>Demo</c>: the demo users and integration client seeded into an empty database.</summary>
internal sealed class DemoOptions : IValidatableObject
{
    public const string SectionName = "Demo";
    public const string DefaultPassword = "CrmFlow!2026";

    /// <summary>Seed demo data into a database without users (default on).</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Password of every demo user.</summary>
    public string Password { get; set; } = DefaultPassword;

    /// <summary>Key of the demo integration client; none is created when empty. Demo only.</summary>
    public string? IntegrationApiKey { get; set; }

    [Required]
    public string IntegrationClientName { get; set; } = "demo-integration";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Seed && string.IsNullOrWhiteSpace(Password))
        {
            yield return new ValidationResult("Demo:Password is required when Demo:Seed is on.", [nameof(Password)]);
        }

        if (!string.IsNullOrEmpty(IntegrationApiKey) && IntegrationApiKey.Length < 20)
        {
            yield return new ValidationResult("Demo:IntegrationApiKey must be at least 20 characters.", [nameof(IntegrationApiKey)]);
        }
    }
}
