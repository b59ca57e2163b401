using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

[Activity("Elsa", "WriteLine", Category = "Console", Description = "Write a line of text to the console.")]
public sealed class WriteLine : CodeActivity
{
    [Input(Description = "The text to write.")]
    public Input<string> Text { get; set; } = default!;

    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var output = context.Services.GetService(typeof(IStandardOutput)) as IStandardOutput ?? DefaultOutput;
        output.WriteLine(context.Get(Text) ?? string.Empty);
        return ValueTask.FromResult(Outcomes.Done);
    }

    private static readonly ConsoleStandardOutput DefaultOutput = new();
}

[Activity("Elsa", "SetVariable", Category = "Primitives", Description = "Assign a value to a workflow variable.")]
public sealed class SetVariable : CodeActivity
{
    [Input(Description = "The variable to assign the value to.", IsWrapped = false, UIHint = "variable-picker")]
    public Input<object> Variable { get; set; } = default!;

    [Input(Description = "The value to assign.")]
    public Input<object> Value { get; set; } = default!;

    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var raw = Node.GetInput("variable")?.Raw;
        var name = raw switch
        {
            JsonObject o => JsonAccess.GetString(o, "name") ?? JsonAccess.GetString(o, "id"),
            JsonValue v => JsonAccess.AsString(v),
            _ => null,
        } ?? throw new InvalidOperationException($"SetVariable '{Node.Id}' names no variable.");
        var value = context.Get(Value);
        if (raw is JsonObject vo && JsonAccess.GetString(vo, "typeName") is { } typeName && value != null)
        {
            value = EngineValueConverter.ConvertTo(value, TypeAliases.Resolve(typeName, JsonAccess.GetBool(vo, "isArray") ?? false));
        }

        context.SetVariable(name, value);
        return ValueTask.FromResult(Outcomes.Done);
    }
}

[Activity("Elsa", "SetOutput", Category = "Composition", Description = "Assigns a given value to a the container's output.")]
public sealed class SetOutput : CodeActivity
{
    [Input(DisplayName = "Output", Description = "The output to assign.", UIHint = "output-picker")]
    public Input<string> OutputName { get; set; } = default!;

    [Input(Description = "The value to assign.")]
    public Input<object> OutputValue { get; set; } = default!;

    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var name = context.Get(OutputName) ?? throw new InvalidOperationException($"SetOutput '{Node.Id}' names no output.");
        context.SetWorkflowOutput(name, context.Get(OutputValue));
        return ValueTask.FromResult(Outcomes.Done);
    }
}

[Activity("Elsa", "Correlate", Category = "Primitives", Description = "Set the CorrelationId of the workflow to a given value.")]
public sealed class Correlate : CodeActivity
{
    [Input(Description = "An expression that evaluates to the value to store as the correlation id.")]
    public Input<string> CorrelationId { get; set; } = default!;

    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        context.CorrelationId = context.Get(CorrelationId);
        return ValueTask.FromResult(Outcomes.Done);
    }
}

[Activity("Elsa", "SetName", Category = "Primitives", Description = "Set the name of the workflow instance to a specified value.")]
public sealed class SetName : CodeActivity
{
    [Input(Description = "The value to set as the workflow instance's name.")]
    public Input<string> Value { get; set; } = default!;

    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        context.WorkflowState.Name = context.Get(Value);
        return ValueTask.FromResult(Outcomes.Done);
    }
}

[Activity("Elsa", "Fault", Category = "Primitives", Description = "Faults the workflow.")]
public sealed class Fault : CodeActivity
{
    [Input(Description = "Code to categorize the fault.")]
    public Input<string> Code { get; set; } = default!;

    [Input(Description = "Category to categorize the fault. Examples: HTTP, Alteration, Azure, etc.")]
    public Input<string> Category { get; set; } = default!;

    [Input(DisplayName = "Type", Description = "The type of the fault. Examples: System, Business, Integration, etc.")]
    public Input<string> FaultType { get; set; } = default!;

    [Input(Description = "The message to include with the fault.")]
    public Input<string> Message { get; set; } = default!;

    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context) =>
        throw new WorkflowFaultException(context.Get(Code), context.Get(Category) ?? "General", context.Get(FaultType) ?? "System",
            context.Get(Message) ?? "The workflow was faulted.");
}

[Activity("Elsa", "Start", Category = "Flow", Description = "A milestone activity that marks the start of a flowchart.")]
[StartNode]
public sealed class Start : CodeActivity
{
    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context) => ValueTask.FromResult(Outcomes.Done);
}

[Activity("Elsa", "End", Category = "Flow", Description = "A milestone activity that marks the end of a flowchart.")]
[Terminal]
public sealed class End : CodeActivity
{
    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context) => ValueTask.FromResult(Outcomes.Done);
}

[Activity("Elsa", "Finish", Category = "Primitives", Description = "Mark the workflow as finished.")]
[Terminal]
public sealed class Finish : Activity
{
    protected override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.FinishWorkflowAsync();
}

[Activity("Elsa", "Complete", Category = "Composition", Description = "Signals the current composite activity to complete itself as a whole.")]
[Terminal]
public sealed class Complete : Activity
{
    [Input(Description = "The outcome or list of outcomes to complete the composite with.", UIHint = "outcome-picker", DefaultSyntax = "Object")]
    public Input<object> Outcomes { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var outcomes = Interpret(context.Get(Outcomes)).ToList();
        return context.CompleteCompositeAsync(outcomes.Count == 0 ? [Activities.Outcomes.Done] : outcomes);
    }

    private static IEnumerable<string> Interpret(object? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case string s when s.TrimStart().StartsWith('['):
                foreach (var item in EngineValueConverter.ConvertTo<string[]>(s) ?? [])
                {
                    yield return item;
                }

                break;
            case string s:
                yield return s;
                break;
            case System.Collections.IEnumerable items:
                foreach (var item in items)
                {
                    if (item?.ToString() is { } text)
                    {
                        yield return text;
                    }
                }

                break;
            default:
                yield return value.ToString()!;
                break;
        }
    }
}

[Activity("Elsa", "Break", Category = "Looping", Description = "Break out of a loop.")]
[Terminal]
public sealed class Break : Activity
{
    protected override ValueTask ExecuteAsync(ActivityExecutionContext context) => context.BreakLoopAsync();
}

[Activity("Elsa", "RunJavaScript", Category = "Scripting", DisplayName = "Run JavaScript", Description = "Executes JavaScript code")]
public sealed class RunJavaScript : Activity
{
    [Input(Description = "The script to run.", UIHint = "code-editor", AutoEvaluate = false)]
    public Input<string> Script { get; set; } = default!;

    [Input(Description = "A list of possible outcomes.", UIHint = "dynamic-outcomes")]
    public Input<string[]> PossibleOutcomes { get; set; } = default!;

    [Output(Description = "The result of the script.")]
    public Output<object> Result { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var script = Node.GetInput("script")?.Expression?.ValueAsString ?? string.Empty;
        string[] outcomes = [Outcomes.Done];
        var options = new ExpressionEvaluationOptions
        {
            Arguments =
            {
                ["setOutcome"] = (Action<string>)(value => outcomes = [value]),
                ["setOutcomes"] = (Action<string[]>)(values => outcomes = values),
            },
        };
        var result = await context.EvaluateAsync(new ExpressionModel("JavaScript", JsonValue.Create(script)), typeof(object), options).ConfigureAwait(false);
        context.Set(Result, result);
        await context.CompleteAsync(outcomes).ConfigureAwait(false);
    }
}

[Activity("Elsa", "Event", Category = "Primitives", Description = "Wait for an event to be published.", Kind = ActivityKind.Trigger)]
public sealed class Event : Activity
{
    [Input(Description = "The name of the event to listen for.")]
    public Input<string> EventName { get; set; } = default!;

    [Output(Description = "The event payload.")]
    public Output<object> Result { get; set; } = default!;

    /// <summary>The stimulus of an Event bookmark, for lookups by hash.</summary>
    public static JsonObject Stimulus(string eventName) => new() { ["eventName"] = eventName };

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            context.Set(Result, context.WorkflowInput.TryGetValue("Payload", out var p) ? p : null);
            return context.CompleteAsync();
        }

        context.CreateBookmark(Stimulus(context.Get(EventName) ?? string.Empty));
        return default;
    }

    protected internal override ValueTask OnResumeAsync(ActivityExecutionContext context)
    {
        var input = context.ResumeInput;
        context.Set(Result, input == null ? null : input.TryGetValue("Payload", out var p) ? p : input);
        return context.CompleteAsync();
    }
}

[Activity("Elsa", "PublishEvent", Category = "Primitives", Description = "Publishes an event.")]
public sealed class PublishEvent : Activity
{
    [Input(Description = "The name of the event to publish.")]
    public Input<string> EventName { get; set; } = default!;

    [Input(Description = "The correlation ID to scope the event to.")]
    public Input<string> CorrelationId { get; set; } = default!;

    [Input(DisplayName = "Local event", Description = "Whether the event is local to the workflow.")]
    public Input<bool> IsLocalEvent { get; set; } = default!;

    [Input(Description = "The payload to send as the event body.")]
    public Input<object> Payload { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var publication = new EventPublication(context.Get(EventName) ?? string.Empty, context.Get(CorrelationId),
            context.Get(IsLocalEvent) ? context.WorkflowInstanceId : null, context.Get(IsLocalEvent), context.Get(Payload));
        if (context.Services.GetService(typeof(IEventPublisher)) is IEventPublisher publisher)
        {
            await publisher.PublishAsync(publication, context.CancellationToken).ConfigureAwait(false);
        }

        await context.CompleteAsync().ConfigureAwait(false);
    }
}

/// <summary>Placeholder for unknown types (see <see cref="Serialization.WorkflowDefinitionSerializer.ToNotFoundActivity"/>).</summary>
[Activity("Elsa", "NotFoundActivity", Category = "System", Description = "A placeholder activity that will be used in case a workflow definition references an activity type that cannot be found.", IsBrowsable = false)]
public sealed class NotFoundActivity : CodeActivity
{
    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context) =>
        throw new InvalidOperationException($"Activity '{Node.Id}' has unknown type '{JsonAccess.GetString(Node.Json, "missingTypeName") ?? Node.Type}'.");
}
