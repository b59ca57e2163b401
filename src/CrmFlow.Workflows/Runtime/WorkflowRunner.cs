using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Model;

namespace CrmFlow.Workflows.Runtime;

/// <summary>Options for starting a run.</summary>
public sealed class RunWorkflowOptions
{
    public IDictionary<string, object?>? Input { get; init; }

    public string? CorrelationId { get; init; }

    public string? InstanceId { get; init; }

    /// <summary>Run properties, e.g. <c>Flowchart:ExecutionMode</c> = <c>TokenBased</c>.</summary>
    public IDictionary<string, object?>? Properties { get; init; }

    /// <summary>The trigger activity that caused the run (it becomes the flowchart's start).</summary>
    public string? TriggerActivityId { get; init; }

    public string? ParentWorkflowInstanceId { get; init; }
}

/// <summary>What a run (or resume) produced.</summary>
public sealed record RunWorkflowResult(WorkflowState State)
{
    public WorkflowStatus Status => State.Status;

    public WorkflowSubStatus SubStatus => State.SubStatus;

    public IReadOnlyList<Bookmark> Bookmarks => State.Bookmarks;

    public IReadOnlyDictionary<string, object?> Output => State.Output;

    public IReadOnlyList<Incident> Incidents => State.Incidents;

    public IReadOnlyList<JournalEntry> Journal => State.Journal;
}

/// <summary>Runs workflow definitions to completion or suspension and resumes them from saved state.</summary>
public interface IWorkflowRunner
{
    ValueTask<RunWorkflowResult> RunAsync(WorkflowDefinition definition, RunWorkflowOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a bookmark; the definition is the one the state was started from.</summary>
    ValueTask<RunWorkflowResult> ResumeAsync(WorkflowDefinition definition, WorkflowState state, string bookmarkId, IDictionary<string, object?>? input = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a bookmark, loading the definition through <see cref="IWorkflowDefinitionProvider"/>.</summary>
    ValueTask<RunWorkflowResult> ResumeAsync(WorkflowState state, string bookmarkId, IDictionary<string, object?>? input = null, CancellationToken cancellationToken = default);

    ValueTask<RunWorkflowResult> CancelAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the faulted activities of a faulted instance again from their start (all of them, or those with the
    /// given activity ids) and continues the workflow from there; an instance with nothing to retry is unchanged.
    /// </summary>
    ValueTask<RunWorkflowResult> RetryAsync(WorkflowDefinition definition, WorkflowState state, IReadOnlyCollection<string>? activityIds = null, CancellationToken cancellationToken = default);
}

/// <summary>The interpreter. Services (output, providers, HTTP hooks) come from the given service provider.</summary>
public sealed class WorkflowRunner(WorkflowEngine engine, IServiceProvider services) : IWorkflowRunner
{
    public WorkflowEngine Engine { get; } = engine;

    public async ValueTask<RunWorkflowResult> RunAsync(WorkflowDefinition definition, RunWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new RunWorkflowOptions();
        var graph = Engine.GetGraph(definition);
        var errors = graph.UnknownActivities;
        if (errors.Count > 0)
        {
            throw new WorkflowValidationException(errors);
        }

        var now = Engine.TimeProvider.GetUtcNow();
        var state = new WorkflowState
        {
            Id = options.InstanceId ?? Guid.CreateVersion7(now).ToString("N"),
            DefinitionId = definition.DefinitionId,
            DefinitionVersionId = definition.Id,
            DefinitionVersion = definition.Version,
            CorrelationId = options.CorrelationId,
            Name = definition.Name,
            TriggerActivityId = options.TriggerActivityId,
            ParentWorkflowInstanceId = options.ParentWorkflowInstanceId,
            CreatedAt = now,
            UpdatedAt = now,
            Status = WorkflowStatus.Running,
            SubStatus = WorkflowSubStatus.Pending,
        };
        if (options.Input != null)
        {
            foreach (var (k, v) in options.Input)
            {
                state.Input[k] = v;
            }
        }

        ConvertInputs(definition, state.Input);
        if (options.Properties != null)
        {
            foreach (var (k, v) in options.Properties)
            {
                state.Properties[k] = v;
            }
        }

        foreach (var v in definition.Variables)
        {
            state.Variables[v.Name] = WorkflowExecution.DefaultValue(v);
        }

        var execution = WorkflowExecution.Start(Engine, state, graph, WithRunner(), cancellationToken);
        await execution.RunAsync().ConfigureAwait(false);
        return new RunWorkflowResult(state);
    }

    public async ValueTask<RunWorkflowResult> ResumeAsync(WorkflowDefinition definition, WorkflowState state, string bookmarkId, IDictionary<string, object?>? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId)
            ?? throw new KeyNotFoundException($"Bookmark {bookmarkId} does not exist on instance {state.Id}.");
        var execution = WorkflowExecution.Restore(Engine, state, Engine.GetGraph(definition), WithRunner(), cancellationToken);
        var resumeInput = input is null ? null : new Dictionary<string, object?>(input, StringComparer.OrdinalIgnoreCase);
        await execution.ResumeAsync(bookmark, resumeInput).ConfigureAwait(false);
        return new RunWorkflowResult(state);
    }

    public async ValueTask<RunWorkflowResult> ResumeAsync(WorkflowState state, string bookmarkId, IDictionary<string, object?>? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var provider = services.GetService(typeof(IWorkflowDefinitionProvider)) as IWorkflowDefinitionProvider
            ?? throw new InvalidOperationException("No IWorkflowDefinitionProvider is registered.");
        var definition = await provider.FindByVersionIdAsync(state.DefinitionVersionId ?? string.Empty, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Definition version {state.DefinitionVersionId} was not found.");
        return await ResumeAsync(definition, state, bookmarkId, input, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RunWorkflowResult> RetryAsync(WorkflowDefinition definition, WorkflowState state, IReadOnlyCollection<string>? activityIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        var execution = WorkflowExecution.Restore(Engine, state, Engine.GetGraph(definition), WithRunner(), cancellationToken);
        await execution.RetryFaultedAsync(activityIds).ConfigureAwait(false);
        return new RunWorkflowResult(state);
    }

    public async ValueTask<RunWorkflowResult> CancelAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        var execution = WorkflowExecution.Restore(Engine, state, Engine.GetGraph(definition), WithRunner(), cancellationToken);
        await execution.CancelWorkflowAsync().ConfigureAwait(false);
        return new RunWorkflowResult(state);
    }

    /// <summary>Converts given input values to the declared input types ("4" typed Int32 becomes 4).</summary>
    internal static void ConvertInputs(WorkflowDefinition definition, IDictionary<string, object?> input)
    {
        foreach (var i in definition.Inputs)
        {
            if (input.TryGetValue(i.Name, out var v) && v != null)
            {
                try
                {
                    input[i.Name] = EngineValueConverter.ConvertTo(v, TypeAliases.Resolve(i.Type, i.IsArray));
                }
                catch (Exception ex) when (ex is FormatException or InvalidCastException or System.Text.Json.JsonException)
                {
                    // Keep the raw value: the input type is a hint.
                }
            }
        }
    }

    private RunnerServices WithRunner() => new RunnerServices(services, this);

    /// <summary>Exposes the runner itself (for ExecuteWorkflow) on top of the host's services.</summary>
    private sealed class RunnerServices(IServiceProvider inner, WorkflowRunner runner) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IWorkflowRunner) || serviceType == typeof(WorkflowRunner) ? runner :
            serviceType == typeof(TimeProvider) ? inner.GetService(serviceType) ?? runner.Engine.TimeProvider :
            inner.GetService(serviceType);
    }
}

/// <summary>Definition-level checks done before publishing or running.</summary>
public static class WorkflowDefinitionValidator
{
    /// <summary>Activities whose type the registry cannot resolve (each message names activity id and type).</summary>
    public static IReadOnlyList<ValidationMessage> FindUnknownActivities(WorkflowDefinition definition, Contracts.ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(registry);
        var list = new List<ValidationMessage>();
        foreach (var node in definition.AllActivities)
        {
            if (registry.Resolve(node) == null || node.Type == Serialization.WorkflowDefinitionSerializer.NotFoundActivityType)
            {
                var type = node.Type == Serialization.WorkflowDefinitionSerializer.NotFoundActivityType ? node.Json.GetString("missingTypeName") ?? node.Type : node.Type;
                list.Add(new ValidationMessage($"Activity '{node.Id}' has unknown type '{type}'.", node.Id, type));
            }
        }

        return list;
    }

    /// <summary>All publish-time errors: unknown types plus each activity's own validation (e.g. cron syntax).</summary>
    public static IReadOnlyList<ValidationMessage> Validate(WorkflowDefinition definition, Contracts.ActivityRegistry registry)
    {
        var list = new List<ValidationMessage>(FindUnknownActivities(definition, registry));
        if (list.Count > 0)
        {
            return list;
        }

        foreach (var node in definition.AllActivities)
        {
            var descriptor = registry.Resolve(node)!;
            var activity = descriptor.Factory();
            activity.Node = node;
            activity.Descriptor = descriptor;
            activity.Validate(new ActivityValidationContext(node, list));
        }

        return list;
    }

    /// <summary>
    /// Connections that name a missing activity or a source port the activity does not have. Ports computed
    /// from inputs (FlowFork branches, FlowSwitch cases, expected status codes) are read from literal inputs;
    /// RunJavaScript can set any outcome and is not checked.
    /// </summary>
    public static IReadOnlyList<ValidationMessage> FindInvalidConnections(WorkflowDefinition definition, Contracts.ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(registry);
        var list = new List<ValidationMessage>();
        foreach (var flowchart in definition.AllActivities.Where(a => a.Json.ContainsKey("connections")))
        {
            var activities = flowchart.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
            foreach (var c in flowchart.Connections)
            {
                if (!activities.TryGetValue(c.SourceId, out var source) || !activities.ContainsKey(c.TargetId))
                {
                    list.Add(new ValidationMessage($"Connection {c} of flowchart '{flowchart.Id}' references a missing activity.", flowchart.Id, flowchart.Type));
                    continue;
                }

                var ports = PortsOf(source, registry);
                if (ports != null && !ports.Contains(c.SourcePort))
                {
                    list.Add(new ValidationMessage($"Activity '{source.Id}' ({source.Type}) has no port '{c.SourcePort}'.", source.Id, source.Type));
                }
            }
        }

        return list;
    }

    private static HashSet<string>? PortsOf(ActivityNode node, Contracts.ActivityRegistry registry)
    {
        var descriptor = registry.Resolve(node);
        if (descriptor == null || node.Type == "Elsa.RunJavaScript")
        {
            return null;
        }

        var ports = new HashSet<string>(descriptor.Outcomes, StringComparer.Ordinal);
        string[]? Literal(string input) =>
            node.GetInput(input)?.Expression is { Value: not null } e && e.Type is "Literal" or "Object" or "Json"
                ? EngineValueConverter.ConvertTo<string[]>(e.Value)
                : null;
        switch (node.Type)
        {
            case "Elsa.FlowFork":
                var branches = Literal("branches");
                if (branches == null)
                {
                    return null;
                }

                ports.UnionWith(branches);
                break;
            case "Elsa.FlowSwitch":
                ports.UnionWith(node.Json.GetArray("cases")?.OfType<System.Text.Json.Nodes.JsonObject>().Select(c => c.GetString("label")).OfType<string>() ?? []);
                break;
            case "Elsa.FlowSendHttpRequest":
                var codes = Literal("expectedStatusCodes");
                if (codes == null)
                {
                    return null;
                }

                ports.UnionWith(codes);
                break;
        }

        return ports;
    }
}
