using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Serialization;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>Elsa's save/publish/retract/delete/revert semantics over <see cref="WorkflowsDbContext"/>.</summary>
internal sealed class WorkflowDefinitionManager(
    WorkflowsDbContext db,
    ActivityRegistry registry,
    WorkflowManagementOptions options,
    TriggerCache triggerCache,
    ExecutableDefinitionCache definitionCache,
    TimeProvider time) : IWorkflowDefinitionManager
{
    public async ValueTask<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.DefinitionId ??= Ids.New();
        var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definition.DefinitionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var latest = versions.FirstOrDefault(d => d.IsLatest) ?? versions.MaxBy(d => d.Version);
        WorkflowDefinitionRecord record;
        if (latest is null || latest.IsPublished)
        {
            foreach (var v in versions)
            {
                v.IsLatest = false;
            }

            definition.Version = latest is null ? 1 : versions.Max(v => v.Version) + 1;
            if (definition.Id is null || latest is not null)
            {
                definition.Id = definition.Id is { } id && latest is null ? id : Ids.New();
            }

            if (await db.WorkflowDefinitions.AnyAsync(d => d.Id == definition.Id, cancellationToken).ConfigureAwait(false))
            {
                definition.Id = Ids.New();
            }

            record = new WorkflowDefinitionRecord
            {
                Id = definition.Id!,
                DefinitionId = definition.DefinitionId,
                Name = string.Empty,
                MaterializerName = "Json",
                Data = string.Empty,
                ContentHash = string.Empty,
                CreatedAt = time.GetUtcNow(),
            };
            db.WorkflowDefinitions.Add(record);
        }
        else
        {
            record = latest;
            definition.Id = record.Id;
            definition.Version = record.Version;
        }

        definition.IsLatest = true;
        definition.IsPublished = false;
        Apply(record, definition);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Changed();
        db.ChangeTracker.Clear();
        return definition;
    }

    /// <summary>After a committed change: this host's route table and checked versions are read again.</summary>
    private void Changed()
    {
        triggerCache.Invalidate();
        definitionCache.Invalidate();
    }

    public async ValueTask<PublishResult> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var latest = versions.FirstOrDefault(d => d.IsLatest) ?? versions.MaxBy(d => d.Version)
            ?? throw new WorkflowDefinitionNotFoundException($"Workflow definition '{definitionId}' does not exist.");
        var definition = WorkflowDefinitionStore.ToDefinition(latest);
        var errors = await ValidateAsync(definition, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0 && options.FailOnValidationErrors)
        {
            db.ChangeTracker.Clear();
            return new PublishResult(false, definition, errors);
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            foreach (var v in versions)
            {
                v.IsPublished = ReferenceEquals(v, latest);
                v.IsLatest = ReferenceEquals(v, latest);
            }

            definition.IsPublished = true;
            definition.IsLatest = true;
            Apply(latest, definition);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await ReplaceTriggersAsync(definition, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Changed();
        }

        db.ChangeTracker.Clear();
        if (definition.Options.UsableAsActivity)
        {
            registry.RegisterWorkflowAsActivity(definition);
        }

        return new PublishResult(true, definition, errors);
    }

    public async ValueTask<PublishResult> SaveAndPublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        var saved = await SaveDraftAsync(definition, cancellationToken).ConfigureAwait(false);
        return await PublishAsync(saved.DefinitionId!, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<WorkflowDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var published = await db.WorkflowDefinitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, cancellationToken).ConfigureAwait(false);
        if (published is null)
        {
            return null;
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            published.IsPublished = false;
            var definition = WorkflowDefinitionStore.ToDefinition(published);
            definition.IsPublished = false;
            Apply(published, definition);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await DeleteTriggersAsync(definitionId, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Changed();
            db.ChangeTracker.Clear();
            return definition;
        }
    }

    public async ValueTask<bool> DeleteAsync(string definitionId, bool deleteInstances = false, CancellationToken cancellationToken = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var deleted = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await DeleteTriggersAsync(definitionId, cancellationToken).ConfigureAwait(false);
            await db.FileImports.Where(f => f.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            if (deleteInstances)
            {
                await WorkflowInstanceStore.DeleteInstancesAsync(db, db.WorkflowInstances.Where(i => i.DefinitionId == definitionId), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Changed();
            return deleted > 0;
        }
    }

    public async ValueTask<bool> DeleteVersionAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var target = versions.FirstOrDefault(v => v.Version == version);
        if (target is null)
        {
            return false;
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            db.WorkflowDefinitions.Remove(target);
            if (target.IsLatest && versions.Where(v => v != target).MaxBy(v => v.Version) is { } newest)
            {
                newest.IsLatest = true;
                var json = WorkflowDefinitionStore.ToDefinition(newest);
                json.IsLatest = true;
                Apply(newest, json);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (target.IsPublished)
            {
                await DeleteTriggersAsync(definitionId, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Changed();
        }

        db.ChangeTracker.Clear();
        return true;
    }

    public async ValueTask<WorkflowDefinition> RevertAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        var source = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowDefinitionNotFoundException($"Workflow definition '{definitionId}' has no version {version}.");
        var copy = WorkflowDefinitionStore.ToDefinition(source);
        copy.Id = null;

        // A revert always creates a new latest version, even over a draft.
        var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var v in versions)
        {
            v.IsLatest = false;
            var json = WorkflowDefinitionStore.ToDefinition(v);
            json.IsLatest = false;
            Apply(v, json);
        }

        copy.Id = Ids.New();
        copy.Version = versions.Max(v => v.Version) + 1;
        copy.IsLatest = true;
        copy.IsPublished = false;
        var record = new WorkflowDefinitionRecord
        {
            Id = copy.Id,
            DefinitionId = definitionId,
            Name = string.Empty,
            MaterializerName = "Json",
            Data = string.Empty,
            ContentHash = string.Empty,
            CreatedAt = time.GetUtcNow(),
        };
        Apply(record, copy);
        db.WorkflowDefinitions.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Changed();
        db.ChangeTracker.Clear();
        return copy;
    }

    public async ValueTask<IReadOnlyList<ValidationMessage>> ValidateAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<ValidationMessage>(WorkflowDefinitionValidator.Validate(definition, registry));
        var routes = InMemoryWorkflowDefinitionStore.HttpRoutes(definition).Distinct().ToList();
        if (routes.Count > 0)
        {
            var others = await db.Triggers.AsNoTracking()
                .Where(t => t.Name == TriggerIndexer.HttpEndpointType && t.DefinitionId != definition.DefinitionId)
                .Select(t => t.Stimulus)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var taken = others.Select(s => JsonNode.Parse(s ?? "{}")!.AsObject())
                .Select(o => (o["path"]?.GetValue<string>(), o["method"]?.GetValue<string>()))
                .ToHashSet();
            foreach (var (path, method) in routes)
            {
                if (taken.Contains((path, method)))
                {
                    errors.Add(new ValidationMessage($"The {path} path and {method} method are already in use by another workflow!"));
                }
            }
        }

        return errors;
    }

    private async Task ReplaceTriggersAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        await DeleteTriggersAsync(definition.DefinitionId!, cancellationToken).ConfigureAwait(false);
        var (triggers, timers) = TriggerIndexer.Build(definition, time.GetUtcNow());
        db.Triggers.AddRange(triggers);
        db.Timers.AddRange(timers);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteTriggersAsync(string definitionId, CancellationToken cancellationToken)
    {
        await db.Triggers.Where(t => t.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Timers.Where(t => t.DefinitionId == definitionId && t.TriggerId != null).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(WorkflowDefinitionRecord record, WorkflowDefinition definition)
    {
        record.Version = definition.Version;
        record.Name = definition.Name ?? definition.DefinitionId ?? string.Empty;
        record.Description = definition.Description;
        record.IsLatest = definition.IsLatest;
        record.IsPublished = definition.IsPublished;
        record.IsReadonly = definition.IsReadonly;
        record.UsableAsActivity = definition.Options.UsableAsActivity;
        record.MaterializerName = definition.MaterializerName ?? "Json";
        record.Data = WorkflowDefinitionSerializer.Serialize(definition, indented: false);
        record.ContentHash = WorkflowDefinitionStore.Hash(record.Data);
    }
}
