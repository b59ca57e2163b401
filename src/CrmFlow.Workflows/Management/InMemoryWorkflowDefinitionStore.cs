using System.Globalization;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Management;

/// <summary>Management options (Elsa's workflow-management <c>FailOnValidationErrors</c>).</summary>
public sealed class WorkflowManagementOptions
{
    /// <summary>When false, publishing succeeds despite validation errors (they are still reported).</summary>
    public bool FailOnValidationErrors { get; set; } = true;
}

/// <summary>The outcome of a publish: errors are reported even when publishing succeeded.</summary>
public sealed record PublishResult(bool Succeeded, WorkflowDefinition Definition, IReadOnlyList<ValidationMessage> Errors);

/// <summary>
/// A thread-safe in-memory definition store with Elsa's import/publish semantics: import keeps ids but assigns
/// the version; publish validates (unknown types, activity validation such as cron syntax, HTTP routes already
/// used by another definition), marks the version published and registers <c>usableAsActivity</c> definitions
/// as activity types. Persistence layers can reuse <see cref="Validate"/>.
/// </summary>
public sealed class InMemoryWorkflowDefinitionStore(ActivityRegistry registry, WorkflowManagementOptions? options = null)
    : IWorkflowDefinitionProvider
{
    private readonly Lock _gate = new();
    private readonly List<WorkflowDefinition> _definitions = [];
    private readonly WorkflowManagementOptions _options = options ?? new WorkflowManagementOptions();

    public IReadOnlyList<WorkflowDefinition> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _definitions];
            }
        }
    }

    /// <summary>Adds a definition as-is (Elsa's file providers): keeps version and published flags.</summary>
    public void Provide(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            _definitions.Add(definition);
        }

        if (definition.Options.UsableAsActivity && definition.IsPublished)
        {
            registry.RegisterWorkflowAsActivity(definition);
        }
    }

    /// <summary>Saves a draft: keeps <c>definitionId</c>/<c>id</c> (or generates them); a new definition starts at version 1.</summary>
    public WorkflowDefinition Import(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            definition.DefinitionId ??= NewId();
            var existing = _definitions.Where(d => d.DefinitionId == definition.DefinitionId).ToList();
            definition.Version = existing.Count == 0 ? 1 : existing.Max(d => d.Version) + 1;
            if (definition.Id == null || _definitions.Any(d => d.Id == definition.Id))
            {
                definition.Id = existing.Count == 0 && definition.Id != null ? definition.Id : NewId();
            }

            foreach (var d in existing)
            {
                d.IsLatest = false;
            }

            definition.IsLatest = true;
            definition.IsPublished = false;
            _definitions.Add(definition);
            return definition;
        }
    }

    /// <summary>Publishes the latest version of a definition.</summary>
    public PublishResult Publish(string definitionId)
    {
        WorkflowDefinition definition;
        lock (_gate)
        {
            definition = _definitions.Where(d => d.DefinitionId == definitionId).MaxBy(d => d.Version)
                ?? throw new KeyNotFoundException($"Workflow definition '{definitionId}' does not exist.");
        }

        var errors = Validate(definition);
        if (errors.Count > 0 && _options.FailOnValidationErrors)
        {
            return new PublishResult(false, definition, errors);
        }

        lock (_gate)
        {
            foreach (var d in _definitions.Where(d => d.DefinitionId == definitionId))
            {
                d.IsPublished = ReferenceEquals(d, definition);
            }
        }

        if (definition.Options.UsableAsActivity)
        {
            registry.RegisterWorkflowAsActivity(definition);
        }

        return new PublishResult(true, definition, errors);
    }

    /// <summary>Import followed by publish (Elsa's import helper).</summary>
    public PublishResult ImportAndPublish(WorkflowDefinition definition) => Publish(Import(definition).DefinitionId!);

    /// <summary>Publish-time validation of one definition against the store.</summary>
    public IReadOnlyList<ValidationMessage> Validate(WorkflowDefinition definition)
    {
        var errors = new List<ValidationMessage>(WorkflowDefinitionValidator.Validate(definition, registry));
        List<WorkflowDefinition> others;
        lock (_gate)
        {
            others = _definitions.Where(d => d.IsPublished && d.DefinitionId != definition.DefinitionId).ToList();
        }

        var taken = others.SelectMany(HttpRoutes).ToHashSet();
        foreach (var (path, method) in HttpRoutes(definition).Distinct())
        {
            if (taken.Contains((path, method)))
            {
                errors.Add(new ValidationMessage($"The {path} path and {method} method are already in use by another workflow!"));
            }
        }

        return errors;
    }

    /// <summary>The (path, method) pairs of a definition's HttpEndpoint triggers with literal inputs.</summary>
    public static IEnumerable<(string Path, string Method)> HttpRoutes(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var node in definition.AllActivities.Where(a => a.Type == "Elsa.HttpEndpoint"))
        {
            var path = node.GetInput("path")?.Expression;
            if (path is null || !string.Equals(path.Type, "Literal", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var methods = node.GetInput("supportedMethods")?.Expression is { Value: not null } m && m.Type is "Literal" or "Object" or "Json"
                ? EngineValueConverter.ConvertTo<string[]>(m.Value) ?? ["GET"]
                : ["GET"];
            foreach (var method in methods)
            {
                yield return (HttpEndpoint.NormalizePath(path.ValueAsString), method.ToLowerInvariant());
            }
        }
    }

    public ValueTask<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_definitions.Where(d => d.DefinitionId == definitionId && d.IsPublished).MaxBy(d => d.Version));
        }
    }

    public ValueTask<WorkflowDefinition?> FindByVersionIdAsync(string definitionVersionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_definitions.FirstOrDefault(d => d.Id == definitionVersionId));
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..16].ToLower(CultureInfo.InvariantCulture);
}
