using System.Security.Cryptography;
using System.Text;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Serialization;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>EF Core store of definition versions; one row per version, the JSON in <c>Data</c>.</summary>
internal sealed class WorkflowDefinitionStore(WorkflowsDbContext db, ExecutableDefinitionCache cache) : IWorkflowDefinitionStore
{
    public async ValueTask<WorkflowDefinition?> FindExecutableAsync(string definitionVersionId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetChecked(definitionVersionId, out var checkedDefinition))
        {
            return checkedDefinition;
        }

        var generation = cache.Generation;
        var hash = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Id == definitionVersionId).Select(d => d.ContentHash)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return hash is null ? null : await FromCacheAsync(definitionVersionId, hash, generation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The shared instance of one version of a definition (see <see cref="FindExecutableAsync(string, CancellationToken)"/>).</summary>
    internal async ValueTask<WorkflowDefinition?> FindExecutableAsync(string definitionId, VersionOptions versionOptions, CancellationToken cancellationToken)
    {
        var generation = cache.Generation;
        var key = await Select(db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId), versionOptions)
            .OrderByDescending(d => d.IsLatest && versionOptions.Selector == VersionSelector.LatestOrPublished).ThenByDescending(d => d.Version)
            .Select(d => new { d.Id, d.ContentHash })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return key is null ? null : await FromCacheAsync(key.Id, key.ContentHash, generation, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<WorkflowDefinition?> FindAsync(string definitionId, VersionOptions versionOptions, CancellationToken cancellationToken = default)
    {
        var query = Select(db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId), versionOptions);
        var record = versionOptions.Selector == VersionSelector.LatestOrPublished
            ? await query.OrderByDescending(d => d.IsLatest).ThenByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToDefinition(record);
    }

    public async ValueTask<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default) =>
        await FindAsync(definitionId, VersionOptions.Published, cancellationToken).ConfigureAwait(false);

    public async ValueTask<WorkflowDefinition?> FindByVersionIdAsync(string definitionVersionId, CancellationToken cancellationToken = default)
    {
        var record = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionVersionId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToDefinition(record);
    }

    public async ValueTask<Page<WorkflowDefinitionSummary>> ListAsync(WorkflowDefinitionFilter filter, PageArgs? page = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filter(filter);
        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        query = filter.OrderBy switch
        {
            WorkflowDefinitionOrderBy.CreatedAt => filter.Descending ? query.OrderByDescending(d => d.CreatedAt) : query.OrderBy(d => d.CreatedAt),
            WorkflowDefinitionOrderBy.Version => filter.Descending ? query.OrderByDescending(d => d.Version) : query.OrderBy(d => d.Version),
            _ => filter.Descending ? query.OrderByDescending(d => d.Name).ThenByDescending(d => d.Version) : query.OrderBy(d => d.Name).ThenBy(d => d.Version),
        };
        if (page != null)
        {
            query = query.Skip(page.Skip).Take(page.PageSize);
        }

        var items = await query
            .Select(d => new WorkflowDefinitionSummary(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.IsLatest, d.IsPublished,
                d.IsReadonly, d.UsableAsActivity, d.MaterializerName, d.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<WorkflowDefinitionSummary>(items, total);
    }

    public async ValueTask<IReadOnlyList<WorkflowDefinition>> ListDefinitionsAsync(WorkflowDefinitionFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var records = await Filter(filter).OrderBy(d => d.DefinitionId).ThenBy(d => d.Version).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(ToDefinition)];
    }

    public async ValueTask<bool> ExistsAsync(string definitionId, CancellationToken cancellationToken = default) =>
        await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definitionId, cancellationToken).ConfigureAwait(false);

    /// <summary>The parsed version whose content hash was just read (<paramref name="generation"/>: the cache's before the read).</summary>
    private async ValueTask<WorkflowDefinition?> FromCacheAsync(string id, string hash, long generation, CancellationToken cancellationToken)
    {
        if (cache.TryGet(id, hash, generation, out var cached))
        {
            return cached;
        }

        var record = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var definition = ToDefinition(record);
        cache.Set(id, record.ContentHash, definition, generation);
        return definition;
    }

    internal static WorkflowDefinition ToDefinition(WorkflowDefinitionRecord record)
    {
        var definition = WorkflowDefinitionSerializer.Parse(record.Data);

        // Columns are the truth for flags that change without rewriting the JSON.
        definition.Id = record.Id;
        definition.DefinitionId = record.DefinitionId;
        definition.Version = record.Version;
        definition.IsLatest = record.IsLatest;
        definition.IsPublished = record.IsPublished;
        return definition;
    }

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private IQueryable<WorkflowDefinitionRecord> Filter(WorkflowDefinitionFilter filter)
    {
        var query = db.WorkflowDefinitions.AsNoTracking();
        if (filter.DefinitionId != null)
        {
            query = query.Where(d => d.DefinitionId == filter.DefinitionId);
        }

        if (filter.DefinitionIds != null)
        {
            query = query.Where(d => filter.DefinitionIds.Contains(d.DefinitionId));
        }

        if (filter.Id != null)
        {
            query = query.Where(d => d.Id == filter.Id);
        }

        if (filter.Ids != null)
        {
            query = query.Where(d => filter.Ids.Contains(d.Id));
        }

        if (filter.Name != null)
        {
            query = query.Where(d => d.Name == filter.Name);
        }

        if (!string.IsNullOrWhiteSpace(filter.SearchTerm))
        {
            // Case-insensitive everywhere: LIKE on SQLite (ASCII) and SQL Server's default collation, ILIKE on PostgreSQL.
            var pattern = "%" + LikePattern.Escape(filter.SearchTerm.Trim()) + "%";
            query = db.IsPostgreSql()
                ? query.Where(d => EF.Functions.ILike(d.Name, pattern, LikePattern.EscapeText) || (d.Description != null && EF.Functions.ILike(d.Description, pattern, LikePattern.EscapeText))
                    || EF.Functions.ILike(d.DefinitionId, pattern, LikePattern.EscapeText) || EF.Functions.ILike(d.Id, pattern, LikePattern.EscapeText))
                : query.Where(d => EF.Functions.Like(d.Name, pattern, LikePattern.EscapeText) || (d.Description != null && EF.Functions.Like(d.Description, pattern, LikePattern.EscapeText))
                    || EF.Functions.Like(d.DefinitionId, pattern, LikePattern.EscapeText) || EF.Functions.Like(d.Id, pattern, LikePattern.EscapeText));
        }

        if (filter.UsableAsActivity != null)
        {
            query = query.Where(d => d.UsableAsActivity == filter.UsableAsActivity);
        }

        if (filter.IsReadonly != null)
        {
            query = query.Where(d => d.IsReadonly == filter.IsReadonly);
        }

        return filter.VersionOptions is { } v ? Select(query, v) : query;
    }

    private static IQueryable<WorkflowDefinitionRecord> Select(IQueryable<WorkflowDefinitionRecord> query, VersionOptions options) => options.Selector switch
    {
        VersionSelector.Latest => query.Where(d => d.IsLatest),
        VersionSelector.Published => query.Where(d => d.IsPublished),
        VersionSelector.LatestOrPublished => query.Where(d => d.IsLatest || d.IsPublished),
        VersionSelector.LatestAndPublished => query.Where(d => d.IsLatest || d.IsPublished),
        VersionSelector.Draft => query.Where(d => d.IsLatest && !d.IsPublished),
        VersionSelector.SpecificVersion => query.Where(d => d.Version == options.Version),
        _ => query,
    };
}

/// <summary>
/// Parsed definition versions by version id and content hash, shared by runs (singleton; bounded). A version whose hash
/// was checked against the database less than <see cref="Runtime.WorkflowRuntimeOptions.TriggerCacheDuration"/> ago is
/// used without asking again, as the trigger rows are: this host's own definition changes clear that at once
/// (<see cref="Invalidate"/>), another host's are seen within that time.
/// </summary>
internal sealed class ExecutableDefinitionCache(IOptions<Runtime.WorkflowRuntimeOptions> options)
{
    private const int Capacity = 512;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Changes with every <see cref="Invalidate"/>: read it before reading a hash, pass it to <see cref="TryGet"/> and <see cref="Set"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The version, if its hash was checked recently and no definition changed on this host since.</summary>
    public bool TryGetChecked(string id, out WorkflowDefinition definition)
    {
        var duration = options.Value.TriggerCacheDuration;
        if (duration > TimeSpan.Zero && _entries.TryGetValue(id, out var entry) && entry.Generation == Generation
            && TimeProvider.System.GetElapsedTime(entry.CheckedAt) < duration)
        {
            definition = entry.Definition;
            return true;
        }

        definition = null!;
        return false;
    }

    /// <summary>The version if <paramref name="hash"/> (just read) is the cached one's; it then counts as checked now.</summary>
    public bool TryGet(string id, string hash, long generation, out WorkflowDefinition definition)
    {
        if (_entries.TryGetValue(id, out var entry) && entry.Hash == hash)
        {
            Set(id, hash, entry.Definition, generation);
            definition = entry.Definition;
            return true;
        }

        definition = null!;
        return false;
    }

    public void Set(string id, string hash, WorkflowDefinition definition, long generation)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        // A check that raced with a change on this host keeps the definition but not the check.
        _entries[id] = new Entry(hash, definition, generation, generation == Generation ? TimeProvider.System.GetTimestamp() : 0);
    }

    /// <summary>Call after committing a change to definition versions: every version is checked again before its next use.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    private sealed record Entry(string Hash, WorkflowDefinition Definition, long Generation, long CheckedAt);
}
