using System.Globalization;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Model;
using Microsoft.Extensions.Logging;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// One burst of execution of one workflow instance: restores live contexts from <see cref="WorkflowState"/>,
/// runs the FIFO scheduler until it is empty, and writes everything back into the state.
/// </summary>
internal sealed partial class WorkflowExecution
{
    private readonly Dictionary<string, ActivityExecutionContext> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowGraph> _graphs = new(StringComparer.Ordinal);
    private bool _stopped;

    private WorkflowExecution(WorkflowEngine engine, WorkflowState state, WorkflowGraph rootGraph, IServiceProvider services, CancellationToken cancellationToken)
    {
        Engine = engine;
        State = state;
        RootGraph = rootGraph;
        Services = services;
        CancellationToken = cancellationToken;
        _graphs[WorkflowGraph.RootKey] = rootGraph;
        Mode = state.Properties.TryGetValue(WorkflowProperties.FlowchartExecutionMode, out var m) &&
               string.Equals(m?.ToString(), nameof(FlowchartExecutionMode.TokenBased), StringComparison.OrdinalIgnoreCase)
            ? FlowchartExecutionMode.TokenBased
            : FlowchartExecutionMode.CounterBased;
    }

    public WorkflowEngine Engine { get; }

    public WorkflowState State { get; }

    public WorkflowGraph RootGraph { get; }

    public IServiceProvider Services { get; }

    public CancellationToken CancellationToken { get; }

    public FlowchartExecutionMode Mode { get; }

    public bool IsInitialBurst { get; private set; }

    public ActivityExecutionContext? RootContext { get; private set; }

    public static WorkflowExecution Start(WorkflowEngine engine, WorkflowState state, WorkflowGraph graph, IServiceProvider services, CancellationToken ct)
    {
        var execution = new WorkflowExecution(engine, state, graph, services, ct) { IsInitialBurst = true };
        var root = graph.Definition.Root ?? throw new WorkflowValidationException([new ValidationMessage("The definition has no root activity.")]);
        execution.RootContext = execution.Schedule(root, graph, null, null, null, null);
        return execution;
    }

    public static WorkflowExecution Restore(WorkflowEngine engine, WorkflowState state, WorkflowGraph graph, IServiceProvider services, CancellationToken ct)
    {
        var execution = new WorkflowExecution(engine, state, graph, services, ct);
        foreach (var cs in state.Contexts)
        {
            var g = execution.GetGraph(cs.GraphKey);
            var node = g.FindNode(cs.ActivityId)
                ?? throw new InvalidOperationException($"Activity '{cs.ActivityId}' of the saved state is not in definition {g.Definition.DisplayIdentity}.");
            var parent = cs.ParentId != null ? execution._live[cs.ParentId] : null;
            var ctx = new ActivityExecutionContext(execution, cs, g, node, g.GetActivity(node), parent);
            execution._live[cs.Id] = ctx;
            execution.RootContext ??= parent == null ? ctx : null;
        }

        return execution;
    }

    public WorkflowGraph GetGraph(string key)
    {
        if (_graphs.TryGetValue(key, out var g))
        {
            return g;
        }

        var definition = Engine.Registry.FindWorkflowDefinition(key)
            ?? throw new InvalidOperationException($"The workflow definition '{key}' used by the saved state is not registered as an activity.");
        g = Engine.GetGraph(definition, key);
        _graphs[key] = g;
        return g;
    }

    // ---------------- scheduler ----------------

    public ActivityExecutionContext Schedule(ActivityNode node, WorkflowGraph graph, ActivityExecutionContext? parent, string? tag,
        IReadOnlyDictionary<string, object?>? variables, IReadOnlyDictionary<string, object?>? scheduleInput)
    {
        _graphs.TryAdd(graph.Key, graph);
        var state = new ActivityContextState
        {
            Id = NextId(),
            ActivityId = node.Id,
            ActivityType = node.Type,
            ActivityVersion = node.Version,
            GraphKey = graph.Key,
            ParentId = parent?.Id,
            Status = ActivityStatus.Pending,
            Tag = tag,
            Variables = variables is null ? null : new Dictionary<string, object?>(variables, StringComparer.Ordinal),
            ScheduleInput = scheduleInput is null ? null : new Dictionary<string, object?>(scheduleInput, StringComparer.Ordinal),
        };
        var ctx = new ActivityExecutionContext(this, state, graph, node, graph.GetActivity(node), parent);
        DeclareContainerVariables(ctx);
        State.Contexts.Add(state);
        State.Queue.Add(state.Id);
        _live[state.Id] = ctx;
        if (node.Name is { } name)
        {
            State.ActivityNames[name] = node.Id;
        }

        return ctx;
    }

    public async Task RunAsync()
    {
        State.Status = WorkflowStatus.Running;
        State.SubStatus = WorkflowSubStatus.Executing;
        while (!_stopped && State.Queue.Count > 0)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var id = State.Queue[0];
            State.Queue.RemoveAt(0);
            if (_live.TryGetValue(id, out var ctx) && ctx.Status == ActivityStatus.Pending)
            {
                await ExecuteAsync(ctx).ConfigureAwait(false);
            }
        }

        UpdateStatus();
    }

    public async Task ResumeAsync(Bookmark bookmark, IReadOnlyDictionary<string, object?>? input)
    {
        if (!_live.TryGetValue(bookmark.ActivityInstanceId, out var ctx))
        {
            throw new InvalidOperationException($"Bookmark {bookmark.Id} points at activity instance {bookmark.ActivityInstanceId}, which is no longer active.");
        }

        if (bookmark.AutoBurn)
        {
            State.Bookmarks.Remove(bookmark);
        }

        State.Status = WorkflowStatus.Running;
        State.SubStatus = WorkflowSubStatus.Executing;
        ctx.Status = ActivityStatus.Running;
        ctx.ResumedBookmark = bookmark;
        ctx.ResumeInput = input;
        Journal(ctx, JournalEvents.Resumed, e => e.BookmarkId = bookmark.Id);
        try
        {
            await EvaluateInputsAsync(ctx).ConfigureAwait(false);
            await ctx.Activity.OnResumeAsync(ctx).ConfigureAwait(false);
            AfterExecute(ctx);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
        {
            await FaultAsync(ctx, ex).ConfigureAwait(false);
        }

        await RunAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Schedules each faulted activity (those of <paramref name="activityIds"/> when given) to run again from its
    /// start, as Elsa's retry alteration does, clears their incidents and runs the scheduler. Children still live
    /// under a faulted activity are cancelled first: the activity makes them again. Activities that were scheduled
    /// but not yet run when the fault stopped the burst are scheduled again too, in their original order.
    /// Returns how many faulted activities were retried.
    /// </summary>
    public async Task<int> RetryFaultedAsync(IReadOnlyCollection<string>? activityIds)
    {
        var faulted = _live.Values
            .Where(c => c.Status == ActivityStatus.Faulted && (activityIds is not { Count: > 0 } || activityIds.Contains(c.Node.Id)))
            .ToList();
        foreach (var ctx in faulted)
        {
            await CancelChildrenAsync(ctx).ConfigureAwait(false);
            RemoveBookmarks(ctx);
            ctx.Status = ActivityStatus.Pending;
            ctx.State.Properties = null;
            ctx.State.StartedAt = null;
            State.Incidents.RemoveAll(i => i.ActivityId == ctx.Node.Id);
        }

        if (faulted.Count == 0)
        {
            return 0;
        }

        foreach (var cs in State.Contexts.Where(c => c.Status == ActivityStatus.Pending && !State.Queue.Contains(c.Id)).ToList())
        {
            State.Queue.Add(cs.Id);
        }

        State.FinishedAt = null;
        await RunAsync().ConfigureAwait(false);
        return faulted.Count;
    }

    private async Task ExecuteAsync(ActivityExecutionContext ctx)
    {
        ctx.Status = ActivityStatus.Running;
        ctx.State.StartedAt = Now;
        try
        {
            await EvaluateInputsAsync(ctx).ConfigureAwait(false);
            Journal(ctx, JournalEvents.Started, e => e.Inputs = Snapshot(ctx.InputValues));
            LogActivityStarted(Engine.Logger, ctx.Node.Type, ctx.Node.Id);
            await ctx.Activity.ExecuteCoreAsync(ctx).ConfigureAwait(false);
            AfterExecute(ctx);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
        {
            await FaultAsync(ctx, ex).ConfigureAwait(false);
        }
    }

    private void AfterExecute(ActivityExecutionContext ctx)
    {
        if (ctx.Status != ActivityStatus.Running)
        {
            return;
        }

        if (State.Bookmarks.Count == 0 && ctx.Children.Count == 0)
        {
            return;
        }

        var bookmarks = ctx.Bookmarks.ToList();
        if (bookmarks.Count > 0 || ctx.Children.Count > 0)
        {
            ctx.Status = bookmarks.Count > 0 ? ActivityStatus.Suspended : ActivityStatus.Running;
            foreach (var b in bookmarks)
            {
                Journal(ctx, JournalEvents.Suspended, e => e.BookmarkId = b.Id);
            }
        }
    }

    // ---------------- completion, cancellation, faults ----------------

    public async ValueTask CompleteAsync(ActivityExecutionContext ctx, IReadOnlyList<string> outcomes)
    {
        if (ctx.Status is ActivityStatus.Completed or ActivityStatus.Cancelled or ActivityStatus.Faulted)
        {
            return;
        }

        await CancelChildrenAsync(ctx).ConfigureAwait(false);
        ctx.Status = ActivityStatus.Completed;
        RemoveBookmarks(ctx);
        Journal(ctx, JournalEvents.Completed, e =>
        {
            e.Outcomes = [.. outcomes];
            e.Outputs = ctx.HasOutputValues ? Snapshot(ctx.OutputValues) : null;
        });
        Remove(ctx);
        await NotifyParentAsync(ctx, outcomes).ConfigureAwait(false);
    }

    private async ValueTask NotifyParentAsync(ActivityExecutionContext ctx, IReadOnlyList<string> outcomes)
    {
        if (_stopped)
        {
            return;
        }

        if (ctx.Parent is { } parent)
        {
            if (parent.Status is ActivityStatus.Completed or ActivityStatus.Cancelled or ActivityStatus.Faulted)
            {
                return;
            }

            try
            {
                await parent.Activity.OnChildCompletedAsync(parent, new ChildCompletion(ctx, outcomes)).ConfigureAwait(false);
                AfterExecute(parent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
            {
                await FaultAsync(parent, ex).ConfigureAwait(false);
            }
        }
        else if (ReferenceEquals(ctx, RootContext) || ctx.Parent == null)
        {
            if (State.Outcomes.Count == 0)
            {
                State.Outcomes.AddRange(outcomes);
            }

            Finish(WorkflowSubStatus.Finished);
        }
    }

    public async ValueTask CancelChildrenAsync(ActivityExecutionContext ctx)
    {
        foreach (var child in ctx.Children.ToList())
        {
            await CancelAsync(child, notifyParent: false).ConfigureAwait(false);
        }
    }

    public async ValueTask CancelAsync(ActivityExecutionContext ctx, bool notifyParent)
    {
        if (ctx.Status is ActivityStatus.Completed or ActivityStatus.Cancelled or ActivityStatus.Faulted)
        {
            return;
        }

        await CancelChildrenAsync(ctx).ConfigureAwait(false);
        ctx.Status = ActivityStatus.Cancelled;
        RemoveBookmarks(ctx);
        State.Queue.Remove(ctx.Id);
        Journal(ctx, JournalEvents.Cancelled, null);
        Remove(ctx);
        if (notifyParent)
        {
            await NotifyParentAsync(ctx, []).ConfigureAwait(false);
        }
    }

    private async ValueTask FaultAsync(ActivityExecutionContext ctx, Exception ex)
    {
        ctx.Status = ActivityStatus.Faulted;
        var message = ex is WorkflowFaultException wf ? wf.Message : ex.Message;
        State.Incidents.Add(new Incident(ctx.Node.Id, ctx.Node.NodeId, ctx.Node.Type, message, ex.GetType().FullName, ex.StackTrace, Now));
        Journal(ctx, JournalEvents.Faulted, e => e.Message = message);
        LogActivityFaulted(Engine.Logger, ex, ctx.Node.Type, ctx.Node.Id);
        if (RootGraph.Definition.Options.IncidentStrategy == IncidentStrategy.FaultStrategy)
        {
            Finish(WorkflowSubStatus.Faulted);
            return;
        }

        // Continue with incidents: the faulted activity ends; its parent treats it as a dead branch.
        RemoveBookmarks(ctx);
        await CancelChildrenAsync(ctx).ConfigureAwait(false);
        Remove(ctx);
        await NotifyParentAsync(ctx, []).ConfigureAwait(false);
    }

    public async ValueTask CompleteCompositeAsync(ActivityExecutionContext ctx, IReadOnlyList<string> outcomes)
    {
        var scope = ctx.FindScope();
        if (scope?.Activity is WorkflowDefinitionActivity composite)
        {
            await CancelChildrenAsync(scope).ConfigureAwait(false);
            await composite.CompleteScopeAsync(scope, outcomes).ConfigureAwait(false);
            return;
        }

        State.Outcomes.Clear();
        State.Outcomes.AddRange(outcomes);
        if (RootContext != null)
        {
            await CompleteAsync(RootContext, outcomes).ConfigureAwait(false);
        }
        else
        {
            Finish(WorkflowSubStatus.Finished);
        }
    }

    public async ValueTask FinishWorkflowAsync(ActivityExecutionContext ctx)
    {
        await CompleteAsync(ctx, [Outcomes.Done]).ConfigureAwait(false);
        if (RootContext != null)
        {
            await CancelChildrenAsync(RootContext).ConfigureAwait(false);
        }

        Finish(WorkflowSubStatus.Finished);
    }

    public async ValueTask BreakLoopAsync(ActivityExecutionContext ctx)
    {
        for (var c = ctx.Parent; c != null; c = c.Parent)
        {
            if (c.Activity is ILoopActivity)
            {
                await CompleteAsync(c, [Outcomes.Done]).ConfigureAwait(false);
                return;
            }
        }

        await CompleteAsync(ctx, [Outcomes.Done]).ConfigureAwait(false);
    }

    /// <summary>Cancels the whole instance.</summary>
    public async ValueTask CancelWorkflowAsync()
    {
        foreach (var ctx in _live.Values.Where(c => c.Parent == null).ToList())
        {
            await CancelAsync(ctx, notifyParent: false).ConfigureAwait(false);
        }

        Finish(WorkflowSubStatus.Cancelled);
        State.Bookmarks.Clear();
    }

    private void Finish(WorkflowSubStatus subStatus)
    {
        _stopped = true;
        State.Status = WorkflowStatus.Finished;
        State.SubStatus = subStatus;
        State.FinishedAt = Now;
        State.Queue.Clear();
        if (subStatus != WorkflowSubStatus.Faulted)
        {
            State.Bookmarks.Clear();
            State.Contexts.Clear();
            _live.Clear();
        }
    }

    private void UpdateStatus()
    {
        State.UpdatedAt = Now;
        if (State.Status == WorkflowStatus.Finished)
        {
            return;
        }

        if (_live.Count == 0)
        {
            Finish(WorkflowSubStatus.Finished);
            return;
        }

        State.Status = WorkflowStatus.Running;
        State.SubStatus = WorkflowSubStatus.Suspended;
    }

    private void Remove(ActivityExecutionContext ctx)
    {
        _live.Remove(ctx.Id);
        State.Contexts.Remove(ctx.State);
        ctx.Parent?.RemoveChild(ctx);
    }

    private void RemoveBookmarks(ActivityExecutionContext ctx) => State.Bookmarks.RemoveAll(b => b.ActivityInstanceId == ctx.Id);

    public Bookmark CreateBookmark(ActivityExecutionContext ctx, JsonNode? stimulus, JsonNode? payload, string? callback, bool autoBurn)
    {
        var bookmark = new Bookmark
        {
            Id = Guid.CreateVersion7(Now).ToString("N"),
            ActivityInstanceId = ctx.Id,
            ActivityId = ctx.Node.Id,
            Name = ctx.Node.Type,
            Hash = BookmarkHasher.Hash(ctx.Node.Type, stimulus),
            Stimulus = stimulus,
            Payload = payload,
            CallbackMethodName = callback,
            AutoBurn = autoBurn,
            CreatedAt = Now,
        };
        State.Bookmarks.Add(bookmark);
        return bookmark;
    }

    // ---------------- inputs, outputs, variables ----------------

    private async ValueTask EvaluateInputsAsync(ActivityExecutionContext ctx)
    {
        ctx.ClearInputs();
        foreach (var input in ctx.Descriptor.Inputs)
        {
            if (!input.AutoEvaluate)
            {
                continue;
            }

            var value = await EvaluateInputAsync(ctx, input.Name, input.ClrType, input.DefaultClrValue, null).ConfigureAwait(false);
            ctx.SetInputValue(input.Name, value);
        }
    }

    public async ValueTask<object?> EvaluateInputAsync(ActivityExecutionContext ctx, string name, Type type, object? defaultValue, ExpressionEvaluationOptions? options)
    {
        var stored = ctx.Node.GetInput(name);
        if (stored is null)
        {
            return defaultValue;
        }

        if (!stored.IsWrapped)
        {
            return EngineValueConverter.ConvertTo(stored.Raw, type);
        }

        if (stored.Expression is null || stored.Expression.Value is null)
        {
            return defaultValue;
        }

        return await EvaluateAsync(ctx, stored.Expression, type, options).ConfigureAwait(false);
    }

    public async ValueTask<object?> EvaluateAsync(ActivityExecutionContext ctx, ExpressionModel expression, Type type, ExpressionEvaluationOptions? options)
    {
        var evaluator = Engine.GetEvaluator(expression.Type);
        var value = await evaluator.EvaluateAsync(expression, type, ctx, options ?? ExpressionEvaluationOptions.Empty).ConfigureAwait(false);
        return EngineValueConverter.ConvertTo(value, type);
    }

    public void RecordOutput(ActivityExecutionContext ctx, string name, object? value, string? targetId)
    {
        if (!State.ActivityOutputs.TryGetValue(ctx.Node.Id, out var outputs))
        {
            outputs = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            State.ActivityOutputs[ctx.Node.Id] = outputs;
        }

        outputs[name] = value;
        State.LastResult = value;
        if (targetId != null)
        {
            WriteMemory(ctx, targetId, value);
        }
    }

    /// <summary>Writes a memory reference: a variable (by id or name) in scope, else a workflow output, else a new variable.</summary>
    private void WriteMemory(ActivityExecutionContext ctx, string targetId, object? value)
    {
        var definition = ScopeDefinition(ctx);
        var variable = definition.Variables.FirstOrDefault(v => v.Id == targetId || v.Name == targetId);
        if (variable != null)
        {
            SetVariable(ctx, variable.Name, value);
            return;
        }

        if (FindDeclaringContext(ctx, targetId) != null)
        {
            SetVariable(ctx, targetId, value);
            return;
        }

        var output = definition.Outputs.FirstOrDefault(o => string.Equals(o.Name, targetId, StringComparison.OrdinalIgnoreCase));
        if (output != null)
        {
            ctx.SetWorkflowOutput(output.Name, value);
            return;
        }

        SetVariable(ctx, targetId, value);
    }

    private static void DeclareContainerVariables(ActivityExecutionContext ctx)
    {
        if (ctx.Node.Json.GetArray("variables") is { Count: > 0 } vars && ctx.Node.Parent != null)
        {
            foreach (var v in vars.OfType<JsonObject>())
            {
                var def = VariableDefinition.Read(v);
                ctx.DeclareVariable(def.Name, DefaultValue(def));
            }
        }
    }

    public static object? DefaultValue(VariableDefinition v)
    {
        try
        {
            return EngineValueConverter.ConvertTo(v.Value, TypeAliases.Resolve(v.TypeName, v.IsArray));
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or System.Text.Json.JsonException or OverflowException)
        {
            return EngineValueConverter.ToPlain(v.Value);
        }
    }

    /// <summary>The context whose <see cref="ActivityContextState.Variables"/> declares the name, walking up to the workflow scope.</summary>
    private static ActivityExecutionContext? FindDeclaringContext(ActivityExecutionContext ctx, string name)
    {
        for (var c = ctx; c != null; c = c.Parent)
        {
            if (c.State.Variables != null && c.State.Variables.ContainsKey(name))
            {
                return c;
            }

            if (c.State.ScopeOutput != null)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The definition whose variables, inputs and outputs are in scope: the nearest workflow-as-activity's, else the root's.</summary>
    public WorkflowDefinition ScopeDefinition(ActivityExecutionContext ctx) =>
        ctx.FindScope()?.Activity is WorkflowDefinitionActivity composite ? composite.Definition : RootGraph.Definition;

    private Dictionary<string, object?> ScopeVariables(ActivityExecutionContext ctx)
    {
        var scope = ctx.FindScope();
        if (scope == null)
        {
            return State.Variables;
        }

        scope.State.Variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        return scope.State.Variables;
    }

    public bool TryGetVariable(ActivityExecutionContext ctx, string name, out object? value)
    {
        var declaring = FindDeclaringContext(ctx, name);
        if (declaring != null)
        {
            value = declaring.State.Variables![name];
            return true;
        }

        var vars = ScopeVariables(ctx);
        if (vars.TryGetValue(name, out value))
        {
            return true;
        }

        var definition = ScopeDefinition(ctx);
        var byId = definition.Variables.FirstOrDefault(v => v.Id == name);
        if (byId != null && vars.TryGetValue(byId.Name, out value))
        {
            return true;
        }

        value = null;
        return false;
    }

    public void SetVariable(ActivityExecutionContext ctx, string name, object? value)
    {
        var definition = ScopeDefinition(ctx);
        var def = definition.Variables.FirstOrDefault(v => v.Name == name) ?? definition.Variables.FirstOrDefault(v => v.Id == name);
        if (def != null)
        {
            name = def.Name;
            if (def.TypeName != null && value != null)
            {
                value = EngineValueConverter.ConvertTo(value, TypeAliases.Resolve(def.TypeName, def.IsArray));
            }
        }

        var declaring = FindDeclaringContext(ctx, name);
        if (declaring != null)
        {
            declaring.State.Variables![name] = value;
            return;
        }

        ScopeVariables(ctx)[name] = value;
    }

    public IReadOnlyList<ExpressionVariable> VariablesInScope(ActivityExecutionContext ctx)
    {
        var list = new List<ExpressionVariable>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = ctx; c != null; c = c.Parent)
        {
            if (c.State.Variables != null && c.State.ScopeOutput == null)
            {
                foreach (var (name, value) in c.State.Variables)
                {
                    if (seen.Add(name))
                    {
                        list.Add(new ExpressionVariable(name, name, value?.GetType().Name));
                    }
                }
            }

            if (c.State.ScopeOutput != null)
            {
                break;
            }
        }

        var definition = ScopeDefinition(ctx);
        foreach (var v in definition.Variables)
        {
            if (seen.Add(v.Name))
            {
                list.Add(new ExpressionVariable(v.Id, v.Name, v.TypeName));
            }
        }

        foreach (var name in ScopeVariables(ctx).Keys)
        {
            if (seen.Add(name))
            {
                list.Add(new ExpressionVariable(name, name, null));
            }
        }

        return list;
    }

    public object? GetOutputFrom(string activityIdOrName, string? outputName)
    {
        if (!State.ActivityOutputs.TryGetValue(activityIdOrName, out var outputs) &&
            !(State.ActivityNames.TryGetValue(activityIdOrName, out var id) && State.ActivityOutputs.TryGetValue(id, out outputs)))
        {
            return null;
        }

        if (outputName == null)
        {
            return outputs.TryGetValue("Result", out var r) ? r : outputs.Values.LastOrDefault();
        }

        return outputs.TryGetValue(outputName, out var value) ? value : null;
    }

    // ---------------- journal ----------------

    private void Journal(ActivityExecutionContext ctx, string eventName, Action<JournalEntry>? configure)
    {
        if (!Engine.Options.EnableJournal)
        {
            return;
        }

        var entry = new JournalEntry
        {
            Timestamp = Now,
            Sequence = State.Journal.Count,
            EventName = eventName,
            ActivityInstanceId = ctx.Id,
            ActivityId = ctx.Node.Id,
            ActivityType = ctx.Node.Type,
            ActivityName = ctx.Node.Name,
            ParentActivityInstanceId = ctx.Parent?.Id,
        };
        configure?.Invoke(entry);
        State.Journal.Add(entry);
    }

    private static Dictionary<string, object?>? Snapshot(IReadOnlyDictionary<string, object?> values) =>
        values.Count == 0 ? null : new Dictionary<string, object?>(values, StringComparer.OrdinalIgnoreCase);

    private DateTimeOffset Now => Engine.TimeProvider.GetUtcNow();

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"{State.Id}:{++State.NextContextSequence}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Executing {ActivityType} {ActivityId}")]
    private static partial void LogActivityStarted(ILogger logger, string activityType, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityType} {ActivityId} faulted")]
    private static partial void LogActivityFaulted(ILogger logger, Exception exception, string activityType, string activityId);
}

/// <summary>Well-known run properties.</summary>
public static class WorkflowProperties
{
    /// <summary>Set to <c>TokenBased</c> to run flowcharts with tokens and merge modes.</summary>
    public const string FlowchartExecutionMode = "Flowchart:ExecutionMode";
}

/// <summary>Thrown by <c>Elsa.Fault</c>: faults the activity with a code and category.</summary>
public sealed class WorkflowFaultException(string? code, string? category, string? faultType, string message)
    : Exception(message)
{
    public string? Code { get; } = code;

    public string? Category { get; } = category;

    public string? FaultType { get; } = faultType;
}

/// <summary>Marks loops (ForEach, While, For, ParallelForEach) for <c>Elsa.Break</c>.</summary>
public interface ILoopActivity;
