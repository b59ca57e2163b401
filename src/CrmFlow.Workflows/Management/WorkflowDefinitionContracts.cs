using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Management;

/// <summary>Which version(s) of a definition a query means (Elsa's <c>VersionOptions</c>).</summary>
public enum VersionSelector
{
    /// <summary>The version flagged <c>isLatest</c> (draft or published).</summary>
    Latest,

    /// <summary>The version flagged <c>isPublished</c>.</summary>
    Published,

    /// <summary>The latest version if it exists, else the published one.</summary>
    LatestOrPublished,

    /// <summary>Versions that are latest or published (one or two per definition).</summary>
    LatestAndPublished,

    /// <summary>Versions that are neither published nor retracted-latest: the latest when unpublished.</summary>
    Draft,

    /// <summary>Every version.</summary>
    All,

    /// <summary>The version number given in <see cref="VersionOptions.Version"/>.</summary>
    SpecificVersion,
}

/// <summary>A version selector, optionally with a version number (<see cref="VersionSelector.SpecificVersion"/>).</summary>
public readonly record struct VersionOptions(VersionSelector Selector, int Version = 0)
{
    public static VersionOptions Latest => new(VersionSelector.Latest);

    public static VersionOptions Published => new(VersionSelector.Published);

    public static VersionOptions LatestOrPublished => new(VersionSelector.LatestOrPublished);

    public static VersionOptions LatestAndPublished => new(VersionSelector.LatestAndPublished);

    public static VersionOptions Draft => new(VersionSelector.Draft);

    public static VersionOptions All => new(VersionSelector.All);

    public static VersionOptions SpecificVersion(int version) => new(VersionSelector.SpecificVersion, version);

    /// <summary>Parses Elsa's query-string forms: <c>Latest</c>, <c>Published</c>, <c>LatestOrPublished</c>, <c>AllVersions</c>, a number…</summary>
    public static VersionOptions Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LatestOrPublished;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return SpecificVersion(number);
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "LATEST" => Latest,
            "PUBLISHED" => Published,
            "LATESTORPUBLISHED" => LatestOrPublished,
            "LATESTANDPUBLISHED" => LatestAndPublished,
            "DRAFT" => Draft,
            "ALL" or "ALLVERSIONS" => All,
            _ => throw new FormatException($"Unknown version option '{text}'."),
        };
    }
}

/// <summary>A page request: zero-based <see cref="Page"/>; <see cref="PageSize"/> rows.</summary>
public sealed record PageArgs(int Page, int PageSize)
{
    public static PageArgs FirstOf(int pageSize) => new(0, pageSize);

    public int Skip => Math.Max(0, Page) * Math.Max(1, PageSize);
}

/// <summary>One page of results and the total number of matching rows.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long TotalCount);

/// <summary>The columns a definition list sorts by.</summary>
public enum WorkflowDefinitionOrderBy
{
    Name,
    CreatedAt,
    Version,
}

/// <summary>Filter for <see cref="IWorkflowDefinitionStore.ListAsync"/>; null members do not filter.</summary>
public sealed class WorkflowDefinitionFilter
{
    public string? DefinitionId { get; init; }

    public IReadOnlyCollection<string>? DefinitionIds { get; init; }

    /// <summary>A version id (Elsa's <c>id</c>).</summary>
    public string? Id { get; init; }

    public IReadOnlyCollection<string>? Ids { get; init; }

    public string? Name { get; init; }

    /// <summary>Case-insensitive match in name, description, definition id or version id.</summary>
    public string? SearchTerm { get; init; }

    public VersionOptions? VersionOptions { get; init; }

    public bool? UsableAsActivity { get; init; }

    public bool? IsReadonly { get; init; }

    public WorkflowDefinitionOrderBy OrderBy { get; init; } = WorkflowDefinitionOrderBy.Name;

    public bool Descending { get; init; }
}

/// <summary>A definition version without its graph (lists, Studio's definition table).</summary>
public sealed record WorkflowDefinitionSummary(
    string Id,
    string DefinitionId,
    string? Name,
    string? Description,
    int Version,
    bool IsLatest,
    bool IsPublished,
    bool IsReadonly,
    bool UsableAsActivity,
    string MaterializerName,
    DateTimeOffset CreatedAt);

/// <summary>
/// Versioned storage of workflow definitions (Elsa 3 JSON). Low level: no validation, no trigger indexing —
/// go through <see cref="IWorkflowDefinitionManager"/> to change what is published. Each version has its own
/// <c>id</c>; one version per definition is <c>isLatest</c>, at most one is <c>isPublished</c>.
/// </summary>
public interface IWorkflowDefinitionStore : IWorkflowDefinitionProvider
{
    /// <summary>One version of a definition, or null.</summary>
    ValueTask<WorkflowDefinition?> FindAsync(string definitionId, VersionOptions versionOptions, CancellationToken cancellationToken = default);

    /// <summary>Versions matching a filter (summaries, no graph), paged when <paramref name="page"/> is given.</summary>
    ValueTask<Page<WorkflowDefinitionSummary>> ListAsync(WorkflowDefinitionFilter filter, PageArgs? page = null, CancellationToken cancellationToken = default);

    /// <summary>Full definitions matching a filter (e.g. all published ones, for the trigger index and activity registry).</summary>
    ValueTask<IReadOnlyList<WorkflowDefinition>> ListDefinitionsAsync(WorkflowDefinitionFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// A version for running: a shared instance parsed once per content (so the engine's graph cache applies).
    /// Callers must not modify it; use <see cref="IWorkflowDefinitionProvider.FindByVersionIdAsync"/> for a private copy.
    /// </summary>
    ValueTask<WorkflowDefinition?> FindExecutableAsync(string definitionVersionId, CancellationToken cancellationToken = default);

    /// <summary>True when some version of the definition exists.</summary>
    ValueTask<bool> ExistsAsync(string definitionId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Changes definitions the way Elsa's management layer does. Publishing validates (unknown activity types,
/// activity validation such as cron syntax, an HTTP route + method already used by another published
/// definition), flags the version published, rebuilds that definition's trigger index and registers
/// <c>usableAsActivity</c> definitions as activity types. Running instances keep the version they started on.
/// </summary>
public interface IWorkflowDefinitionManager
{
    /// <summary>
    /// Saves a draft: a new definition starts at version 1; when the latest version is published a new latest
    /// version is created; otherwise the latest draft is overwritten. Returns the saved version.
    /// </summary>
    ValueTask<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Publishes the latest version; the previously published version is unpublished.</summary>
    ValueTask<PublishResult> PublishAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Saves then publishes (Elsa's import helper; the start-up file import).</summary>
    ValueTask<PublishResult> SaveAndPublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Unpublishes the published version (its triggers stop); null when nothing was published.</summary>
    ValueTask<WorkflowDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every version, its triggers and (when <paramref name="deleteInstances"/>) its instances.</summary>
    ValueTask<bool> DeleteAsync(string definitionId, bool deleteInstances = false, CancellationToken cancellationToken = default);

    /// <summary>Deletes one version; the newest remaining one becomes latest. False when the version does not exist.</summary>
    ValueTask<bool> DeleteVersionAsync(string definitionId, int version, CancellationToken cancellationToken = default);

    /// <summary>Copies an old version as the new latest draft.</summary>
    ValueTask<WorkflowDefinition> RevertAsync(string definitionId, int version, CancellationToken cancellationToken = default);

    /// <summary>Publish-time validation without publishing.</summary>
    ValueTask<IReadOnlyList<ValidationMessage>> ValidateAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default);
}

/// <summary>Thrown when a management call names a definition or version that does not exist.</summary>
public sealed class WorkflowDefinitionNotFoundException(string message) : Exception(message);
