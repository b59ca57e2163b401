using System.Text.Json.Serialization;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

/// <summary>
/// A workflow definition used as an activity: runs the definition's root inside the parent instance.
/// Node inputs become the inner workflow's input; inner outputs come back as node outputs; the outcomes of an
/// inner <c>Elsa.Complete</c> become the node's outcomes (<c>Done</c> otherwise).
/// </summary>
public sealed class WorkflowDefinitionActivity : Activity
{
    private const string OutcomesKey = "outcomes";

    public WorkflowDefinition Definition => Descriptor.WorkflowDefinition!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var definition = Definition;
        var input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in Descriptor.Inputs)
        {
            input[i.Name] = context.GetInput(i.Name);
        }

        context.State.ScopeInput = input;
        context.State.ScopeOutput = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        context.State.Variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var v in definition.Variables)
        {
            context.State.Variables[v.Name] = WorkflowExecution.DefaultValue(v);
        }

        if (definition.Root == null)
        {
            return CompleteScopeAsync(context, [Outcomes.Done]);
        }

        var graph = context.Execution.Engine.GetGraph(definition, WorkflowGraph.KeyOf(definition));
        context.ScheduleActivity(definition.Root, graph);
        return default;
    }

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        CompleteScopeAsync(context, [Outcomes.Done]);

    /// <summary>Copies the inner outputs to the node's outputs and completes with the outcomes.</summary>
    internal ValueTask CompleteScopeAsync(ActivityExecutionContext context, IReadOnlyList<string> outcomes)
    {
        var outputs = context.State.ScopeOutput ?? [];
        foreach (var o in Descriptor.Outputs)
        {
            outputs.TryGetValue(o.Name, out var value);
            context.SetOutput(o.Name, value);
        }

        return context.CompleteAsync([.. outcomes]);
    }
}

/// <summary>The result of <c>Elsa.ExecuteWorkflow</c> (JSON keys camelCase, output keys as the child names them).</summary>
public sealed class ExecuteWorkflowResult
{
    [JsonPropertyName("workflowDefinitionVersionId")]
    public string? WorkflowDefinitionVersionId { get; set; }

    [JsonPropertyName("workflowInstanceId")]
    public string WorkflowInstanceId { get; set; } = string.Empty;

    [JsonPropertyName("correlationId")]
    public string? CorrelationId { get; set; }

    [JsonPropertyName("status")]
    public WorkflowStatus Status { get; set; }

    [JsonPropertyName("subStatus")]
    public WorkflowSubStatus SubStatus { get; set; }

    [JsonPropertyName("output")]
    public IDictionary<string, object?>? Output { get; set; }
}

[Activity("Elsa", "ExecuteWorkflow", Category = "Composition", Description = "Create a new workflow instance of the specified workflow and execute it.", Kind = ActivityKind.Task)]
public sealed class ExecuteWorkflow : Activity
{
    [Input(Description = "The definition ID of the workflow to execute.", UIHint = "workflow-definition-picker")]
    public Input<string> WorkflowDefinitionId { get; set; } = default!;

    [Input(Description = "The correlation ID to associate the workflow with.")]
    public Input<string> CorrelationId { get; set; } = default!;

    [Input(Description = "The input to send to the workflow.")]
    public Input<IDictionary<string, object>> Input { get; set; } = default!;

    [Input(Description = "Wait for the child workflow to complete before completing this activity.")]
    public Input<bool> WaitForCompletion { get; set; } = default!;

    [Output(Description = "The result of the child workflow.")]
    public Output<ExecuteWorkflowResult> Result { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var definitionId = context.Get(WorkflowDefinitionId) ?? throw new InvalidOperationException($"ExecuteWorkflow '{Node.Id}' names no workflow definition.");
        var provider = context.Services.GetService(typeof(IWorkflowDefinitionProvider)) as IWorkflowDefinitionProvider
            ?? throw new InvalidOperationException("ExecuteWorkflow needs an IWorkflowDefinitionProvider.");
        var definition = await provider.FindPublishedAsync(definitionId, context.CancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No published workflow definition '{definitionId}'.");
        var runner = (IWorkflowRunner)context.Services.GetService(typeof(IWorkflowRunner))!;
        var input = ChildWorkflowInput.From(context.Get(Input));

        input["ParentInstanceId"] = context.WorkflowInstanceId;
        var run = await runner.RunAsync(definition, new RunWorkflowOptions
        {
            Input = input,
            CorrelationId = context.Get(CorrelationId),
            ParentWorkflowInstanceId = context.WorkflowInstanceId,
            Properties = new Dictionary<string, object?> { ["ParentInstanceId"] = context.WorkflowInstanceId },
        }, context.CancellationToken).ConfigureAwait(false);

        var result = ToResult(run.State);
        if (run.Status == WorkflowStatus.Finished || !context.Get(WaitForCompletion))
        {
            context.Set(Result, result);
            await context.CompleteAsync().ConfigureAwait(false);
            return;
        }

        // The child is suspended: wait until the runtime reports its completion on this bookmark.
        context.CreateBookmark(new { childInstanceId = run.State.Id }, payload: new { childInstanceId = run.State.Id });
    }

    protected internal override ValueTask OnResumeAsync(ActivityExecutionContext context)
    {
        var input = context.ResumeInput;
        context.Set(Result, new ExecuteWorkflowResult
        {
            WorkflowInstanceId = input?.GetValueOrDefault("WorkflowInstanceId")?.ToString() ?? string.Empty,
            Status = WorkflowStatus.Finished,
            SubStatus = WorkflowSubStatus.Finished,
            Output = input?.GetValueOrDefault("Output") as IDictionary<string, object?>,
        });
        return context.CompleteAsync();
    }

    internal static ExecuteWorkflowResult ToResult(WorkflowState state) => new()
    {
        WorkflowDefinitionVersionId = state.DefinitionVersionId,
        WorkflowInstanceId = state.Id,
        CorrelationId = state.CorrelationId,
        Status = state.Status,
        SubStatus = state.SubStatus,
        Output = new Dictionary<string, object?>(state.Output, StringComparer.Ordinal),
    };
}

[Activity("Elsa", "DispatchWorkflow", Category = "Composition", Description = "Create a new workflow instance of the specified workflow and dispatch it for execution.")]
public sealed class DispatchWorkflow : Activity
{
    [Input(Description = "The definition ID of the workflow to dispatch.", UIHint = "workflow-definition-picker")]
    public Input<string> WorkflowDefinitionId { get; set; } = default!;

    [Input(Description = "The correlation ID to associate the workflow with.")]
    public Input<string> CorrelationId { get; set; } = default!;

    [Input(Description = "The input to send to the workflow.")]
    public Input<IDictionary<string, object>> Input { get; set; } = default!;

    [Input(Description = "Wait for the child workflow to complete before completing this activity.")]
    public Input<bool> WaitForCompletion { get; set; } = default!;

    [Output(Description = "The child instance id, or its output when waiting.")]
    public Output<object> Result { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var dispatcher = context.Services.GetService(typeof(IWorkflowDispatcher)) as IWorkflowDispatcher
            ?? throw new InvalidOperationException("DispatchWorkflow needs an IWorkflowDispatcher.");
        var input = ChildWorkflowInput.From(context.Get(Input));

        var wait = context.Get(WaitForCompletion);
        var instanceId = await dispatcher.DispatchAsync(new DispatchWorkflowRequest(
            context.Get(WorkflowDefinitionId) ?? string.Empty, context.Get(CorrelationId), input, context.WorkflowInstanceId, wait), context.CancellationToken).ConfigureAwait(false);
        if (!wait)
        {
            context.Set(Result, instanceId);
            await context.CompleteAsync().ConfigureAwait(false);
            return;
        }

        context.CreateBookmark(new { childInstanceId = instanceId }, payload: new { childInstanceId = instanceId });
    }

    protected internal override ValueTask OnResumeAsync(ActivityExecutionContext context)
    {
        context.Set(Result, context.ResumeInput?.GetValueOrDefault("Output"));
        return context.CompleteAsync();
    }
}

/// <summary>The input dictionary handed to a child workflow (ExecuteWorkflow, DispatchWorkflow): case-insensitive keys.</summary>
internal static class ChildWorkflowInput
{
    public static Dictionary<string, object?> From(IDictionary<string, object>? given)
    {
        var input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (given is not null)
        {
            foreach (var (key, value) in given)
            {
                input[key] = value;
            }
        }

        return input;
    }
}
