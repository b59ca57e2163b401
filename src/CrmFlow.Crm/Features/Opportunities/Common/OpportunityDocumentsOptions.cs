using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace CrmFlow.Crm.Features.Opportunities.Common;

/// <summary>Section <c>OpportunityDocuments</c>: the limits of documents attached to opportunities.</summary>
public sealed class OpportunityDocumentsOptions
{
    public const string SectionName = "OpportunityDocuments";

    /// <summary>Largest document accepted, in bytes (default 20 MB; at most 256 MB, the bytes live in the database).</summary>
    [Range(1, 256L * 1024 * 1024)]
    public long MaxSizeBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The limit as people read it: <c>20 MB</c>, <c>512 KB</c>, <c>100 bytes</c>.</summary>
    public string MaxSizeText => Describe(MaxSizeBytes);

    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
