using System.Security.Cryptography;
using System.Text;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Serialization;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>EF Core store of definition versions; one row per version, the JSON in <c>Data</c>.</summary>
internal sealed class WorkflowDefinitionStore(WorkflowsDbContext db) : IWorkflowDefinitionStore
{
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
            // LIKE: case-insensitive on SQLite (ASCII) and SQL Server's default collation, case-sensitive on PostgreSQL.
            var pattern = "%" + filter.SearchTerm.Trim() + "%";
            query = query.Where(d => EF.Functions.Like(d.Name, pattern) || (d.Description != null && EF.Functions.Like(d.Description, pattern))
                || EF.Functions.Like(d.DefinitionId, pattern) || EF.Functions.Like(d.Id, pattern));
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
