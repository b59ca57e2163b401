using System.Security.Cryptography;
using System.Text;

namespace CrmFlow.Crm.Domain.Sales;

/// <summary>What a document on an opportunity is: the kinds a sales team files.</summary>
public static class DocumentKinds
{
    public const string Contract = "contract";
    public const string Proposal = "proposal";
    public const string Specification = "specification";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Contract, Proposal, Specification, Other];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}

/// <summary>
/// A document (contract, proposal, specification…) attached to an opportunity: its metadata only. The bytes sit in
/// <see cref="OpportunityDocumentContent"/>, a table of their own, so listing documents never loads them.
/// </summary>
internal sealed class OpportunityDocument
{
    /// <summary>Longest stored file name (characters), extension kept when a longer one is cut.</summary>
    public const int MaxFileNameLength = 255;

    public const int MaxContentTypeLength = 200;

    public const int MaxDescriptionLength = 500;

    public const string DefaultContentType = "application/octet-stream";

    private OpportunityDocument()
    {
    }

    public OpportunityDocument(
        Guid id, Guid opportunityId, string? fileName, string? contentType, long size, string sha256, string? kind, string? description,
        Guid uploadedById, DateTimeOffset uploadedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        Id = id;
        OpportunityId = opportunityId;
        FileName = SanitizeFileName(fileName);
        ContentType = NormalizeContentType(contentType);
        Size = size;
        Sha256 = sha256;
        Kind = DocumentKinds.IsKnown(kind) ? kind! : DocumentKinds.Other;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UploadedById = uploadedById;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }

    public Guid OpportunityId { get; private set; }

    /// <summary>The original file name without any path part, safe to hand back in a <c>Content-Disposition</c>.</summary>
    public string FileName { get; private set; } = null!;

    public string ContentType { get; private set; } = null!;

    /// <summary>Length of the content in bytes.</summary>
    public long Size { get; private set; }

    /// <summary>SHA-256 of the content, lower-case hex (64 characters).</summary>
    public string Sha256 { get; private set; } = null!;

    /// <summary>One of <see cref="DocumentKinds"/>.</summary>
    public string Kind { get; private set; } = null!;

    public string? Description { get; private set; }

    public Guid UploadedById { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>Who may delete it: whoever uploaded it, the opportunity's owner, or an administrator.</summary>
    public bool MayBeDeletedBy(Guid? userId, bool isAdministrator, Guid opportunityOwnerId) =>
        isAdministrator || (userId is { } id && (id == UploadedById || id == opportunityOwnerId));

    /// <summary>Lower-case hex SHA-256 of <paramref name="content"/>.</summary>
    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// The last path segment of <paramref name="fileName"/> (either slash), without control characters or the characters
    /// Windows forbids, trimmed of spaces and dots, at most <see cref="MaxFileNameLength"/> characters (extension kept);
    /// <c>document</c> when nothing is left. Non-ASCII names (中文合同.pdf) stay as they are.
    /// </summary>
    public static string SanitizeFileName(string? fileName)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsControl(ch) || "<>:\"|?*".Contains(ch, StringComparison.Ordinal) ? '_' : ch);
        }

        name = builder.ToString().Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return "document";
        }

        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length is > 0 and <= 16 ? extension : string.Empty;
            var stem = name[..(MaxFileNameLength - extension.Length)];
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }

            name = stem + extension;
        }

        return name;
    }

    /// <summary>A well-formed <c>type/subtype</c> (parameters kept, lower-cased media type), else <see cref="DefaultContentType"/>.</summary>
    public static string NormalizeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)
            || contentType.Length > MaxContentTypeLength
            || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType.Trim(), out var parsed)
            || parsed.MediaType is not { } mediaType
            || mediaType.Count(c => c == '/') != 1
            || mediaType.StartsWith('/') || mediaType.EndsWith('/'))
        {
            return DefaultContentType;
        }

        parsed.MediaType = mediaType.ToLowerInvariant();
        return parsed.ToString();
    }
}

/// <summary>The bytes of one <see cref="OpportunityDocument"/>, keyed by its id, in a table of their own.</summary>
internal sealed class OpportunityDocumentContent
{
    private OpportunityDocumentContent()
    {
    }

    public OpportunityDocumentContent(Guid documentId, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        DocumentId = documentId;
        Content = content;
    }

    public Guid DocumentId { get; private set; }

    public byte[] Content { get; private set; } = null!;
}
