using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Model;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// One execution of one activity node: its evaluated inputs, outputs, children, bookmarks and variables.
/// It is also the <see cref="IExpressionContext"/> expressions see while this activity's inputs are evaluated.
/// </summary>
public sealed class ActivityExecutionContext : IExpressionContext
{
    private readonly List<ActivityExecutionContext> _children = [];

    internal ActivityExecutionContext(WorkflowExecution execution, ActivityContextState state, WorkflowGraph graph, ActivityNode node, ActivityBase activity, ActivityExecutionContext? parent)
    {
        Execution = execution;
        State = state;
        Graph = graph;
        Node = node;
        Activity = activity;
        Parent = parent;
        parent?._children.Add(this);
    }

    internal WorkflowExecution Execution { get; }

    internal WorkflowGraph Graph { get; }

    /// <summary>The serialisable part.</summary>
    public ActivityContextState State { get; }

    public string Id => State.Id;

    public ActivityNode Node { get; }

    public ActivityBase Activity { get; }

    public ActivityDescriptor Descriptor => Activity.Descriptor;

    public ActivityExecutionContext? Parent { get; }

    /// <summary>Live children (pending, running or suspended).</summary>
    public IReadOnlyList<ActivityExecutionContext> Children => _children;

    public ActivityStatus Status
    {
        get => State.Status;
        internal set => State.Status = value;
    }

    public string? Tag => State.Tag;

    /// <summary>The run's services (the runtime's DI scope).</summary>
    public IServiceProvider Services => Execution.Services;

    public TimeProvider TimeProvider => Execution.Engine.TimeProvider;

    public WorkflowState WorkflowState => Execution.State;

    public CancellationToken CancellationToken => Execution.CancellationToken;

    /// <summary>The bookmark being resumed, during <see cref="ActivityBase.OnResumeAsync"/>.</summary>
    public Bookmark? ResumedBookmark { get; internal set; }

    /// <summary>Input given with the resume (e.g. an event payload).</summary>
    public IReadOnlyDictionary<string, object?>? ResumeInput { get; internal set; }

    /// <summary>True when this activity is the trigger that started the current run (first burst only).</summary>
    public bool IsTriggerOfWorkflow => Execution.IsInitialBurst && Execution.State.TriggerActivityId == Node.Id && Parent?.Parent == null;

    /// <summary>Evaluated inputs by input name (a snapshot for the journal).</summary>
    public IReadOnlyDictionary<string, object?> InputValues => State.Inputs ??= new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Outputs set during this execution.</summary>
    public Dictionary<string, object?> OutputValues => _outputValues ??= new(StringComparer.Ordinal);

    private Dictionary<string, object?>? _outputValues;
    private Dictionary<string, object?>? _transientProperties;

    internal bool HasOutputValues => _outputValues is { Count: > 0 };

    /// <summary>Transient values for the current burst only (not persisted).</summary>
    public Dictionary<string, object?> TransientProperties => _transientProperties ??= new(StringComparer.Ordinal);

    internal List<string>? CompletionOutcomes { get; set; }

    // ---- inputs / outputs ----

    public T? Get<T>(Input<T>? input) => input is null ? default : GetInput<T>(input.Name);

    public T? GetInput<T>(string name) =>
        State.Inputs != null && State.Inputs.TryGetValue(name, out var v) ? EngineValueConverter.ConvertTo<T>(v) : default;

    public object? GetInput(string name) => State.Inputs != null && State.Inputs.TryGetValue(name, out var v) ? v : null;

    /// <summary>Evaluates an input now (for inputs declared with <c>AutoEvaluate = false</c>, such as While's condition).</summary>
    public async ValueTask<T?> EvaluateAsync<T>(Input<T> input, ExpressionEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var descriptor = Descriptor.Inputs.FirstOrDefault(i => string.Equals(i.Name, input.Name, StringComparison.OrdinalIgnoreCase));
        var value = await Execution.EvaluateInputAsync(this, input.Name, descriptor?.ClrType ?? typeof(T), descriptor?.DefaultClrValue, options).ConfigureAwait(false);
        SetInputValue(input.Name, value);
        return EngineValueConverter.ConvertTo<T>(value);
    }

    /// <summary>Evaluates an arbitrary expression in this context.</summary>
    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, ExpressionEvaluationOptions? options = null) =>
        Execution.EvaluateAsync(this, expression, targetType, options);

    internal void SetInputValue(string name, object? value)
    {
        State.Inputs ??= new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        State.Inputs[name] = value;
    }

    internal void ClearInputs() => State.Inputs?.Clear();

    public void Set<T>(Output<T>? output, T? value)
    {
        if (output is null)
        {
            return;
        }

        SetOutput(output.Name, value, output.TargetId);
    }

    /// <summary>Records an output; writes it to its memory-reference target (variable or workflow output) if bound.</summary>
    public void SetOutput(string name, object? value, string? targetId = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        OutputValues[name] = value;
        Execution.RecordOutput(this, name, value, targetId ?? Node.GetOutputTarget(name));
    }

    // ---- flow control ----

    /// <summary>Completes with the given outcomes (<c>Done</c> when none).</summary>
    public ValueTask CompleteAsync(params string[] outcomes) => Execution.CompleteAsync(this, outcomes.Length == 0 ? [Outcomes.Done] : outcomes);

    public ValueTask CompleteAsync(IEnumerable<string> outcomes) => CompleteAsync(outcomes.ToArray());

    /// <summary>Schedules a child activity of this one (FIFO).</summary>
    public ActivityExecutionContext ScheduleActivity(ActivityNode node, string? tag = null, IReadOnlyDictionary<string, object?>? variables = null, IReadOnlyDictionary<string, object?>? scheduleInput = null) =>
        Execution.Schedule(node, Graph, this, tag, variables, scheduleInput);

    /// <summary>Schedules a child from another definition's graph (workflow-as-activity).</summary>
    internal ActivityExecutionContext ScheduleActivity(ActivityNode node, WorkflowGraph graph, string? tag = null) =>
        Execution.Schedule(node, graph, this, tag, null, null);

    public ValueTask CancelAsync() => Execution.CancelAsync(this, notifyParent: false);

    /// <summary>Cancels all live children of this context.</summary>
    public ValueTask CancelChildrenAsync() => Execution.CancelChildrenAsync(this);

    /// <summary>Creates a bookmark; the activity stays suspended until it is resumed.</summary>
    public Bookmark CreateBookmark(object? stimulus, object? payload = null, string? callbackMethodName = null, bool autoBurn = true)
    {
        var stimulusNode = stimulus is JsonNode n ? n : stimulus is null ? null : JsonSerializer.SerializeToNode(stimulus, WorkflowStateSerializer.Options);
        var payloadNode = payload is JsonNode p ? p : payload is null ? null : JsonSerializer.SerializeToNode(payload, WorkflowStateSerializer.Options);
        return Execution.CreateBookmark(this, stimulusNode, payloadNode, callbackMethodName, autoBurn);
    }

    public IEnumerable<Bookmark> Bookmarks => Execution.State.Bookmarks.Where(b => b.ActivityInstanceId == Id);

    /// <summary>Ends the nearest composite (workflow-as-activity) or the workflow with the given outcomes.</summary>
    public ValueTask CompleteCompositeAsync(IReadOnlyList<string> outcomes) => Execution.CompleteCompositeAsync(this, outcomes);

    /// <summary>Finishes the whole workflow (cancels everything else).</summary>
    public ValueTask FinishWorkflowAsync() => Execution.FinishWorkflowAsync(this);

    /// <summary>Breaks out of the nearest loop.</summary>
    public ValueTask BreakLoopAsync() => Execution.BreakLoopAsync(this);

    /// <summary>The nearest workflow scope (a workflow-as-activity context), null for the workflow itself.</summary>
    public ActivityExecutionContext? FindScope()
    {
        for (var c = Parent; c != null; c = c.Parent)
        {
            if (c.State.ScopeOutput != null)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Sets an output of the enclosing workflow (or workflow-as-activity).</summary>
    public void SetWorkflowOutput(string name, object? value)
    {
        var scope = FindScope();
        if (scope != null)
        {
            scope.State.ScopeOutput![name] = value;
        }
        else
        {
            Execution.State.Output[name] = value;
        }
    }

    /// <summary>Activity-specific persistent state (created on first use).</summary>
    public JsonObject Properties => State.Properties ??= [];

    public T GetProperty<T>(string key, Func<T> create)
    {
        if (State.Properties != null && State.Properties.TryGetPropertyValue(key, out var node) && node != null)
        {
            return node.Deserialize<T>(WorkflowStateSerializer.Options)!;
        }

        return create();
    }

    public void SetProperty<T>(string key, T value) =>
        Properties[key] = JsonSerializer.SerializeToNode(value, WorkflowStateSerializer.Options);

    // ---- variables ----

    /// <summary>Declares a variable on this context (a container or loop iteration).</summary>
    public void DeclareVariable(string name, object? value)
    {
        State.Variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        State.Variables[name] = value;
    }

    public object? GetVariable(string name) => TryGetVariable(name, out var value) ? value : null;

    // ---- IExpressionContext ----

    public string WorkflowInstanceId => Execution.State.Id;

    public string WorkflowDefinitionId => Execution.State.DefinitionId ?? string.Empty;

    public string WorkflowDefinitionVersionId => Execution.State.DefinitionVersionId ?? string.Empty;

    public int WorkflowDefinitionVersion => Execution.State.DefinitionVersion;

    public string? CorrelationId
    {
        get => Execution.State.CorrelationId;
        set => Execution.State.CorrelationId = value;
    }

    public string? ActivityId => Node.Id;

    public IReadOnlyList<ExpressionVariable> Variables => Execution.VariablesInScope(this);

    public bool TryGetVariable(string name, out object? value) => Execution.TryGetVariable(this, name, out value);

    public void SetVariable(string name, object? value) => Execution.SetVariable(this, name, value);

    public IReadOnlyDictionary<string, object?> WorkflowInput => FindScope()?.State.ScopeInput ?? Execution.State.Input;

    public IReadOnlyList<string> InputNames => Execution.ScopeDefinition(this).Inputs.Select(i => i.Name).ToList();

    public object? GetOutputFrom(string activityIdOrName, string? outputName) => Execution.GetOutputFrom(activityIdOrName, outputName);

    public object? GetLastResult() => Execution.State.LastResult;

    internal void RemoveChild(ActivityExecutionContext child) => _children.Remove(child);
}
