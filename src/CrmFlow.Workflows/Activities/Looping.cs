using System.Collections;
using System.Globalization;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

/// <summary>Shared iteration over <c>items</c> with the loop variables <c>CurrentValue</c> and <c>CurrentIndex</c>.</summary>
public abstract class LoopActivityBase : Activity, ILoopActivity
{
    public const string CurrentValueVariable = "CurrentValue";
    public const string CurrentIndexVariable = "CurrentIndex";

    protected static List<object?> Materialize(object? items) => items switch
    {
        null => [],
        string s => [s],
        IEnumerable e => e.Cast<object?>().ToList(),
        _ => [items],
    };

    protected void ScheduleIteration(ActivityExecutionContext context, int index, object? value)
    {
        var body = Node.GetChild("body");
        var variables = new Dictionary<string, object?> { [CurrentValueVariable] = value, [CurrentIndexVariable] = index };
        context.SetOutput(CurrentValueVariable, value);
        if (body != null)
        {
            context.ScheduleActivity(body, index.ToString(CultureInfo.InvariantCulture), variables);
        }
    }
}

[Activity("Elsa", "ForEach", Category = "Looping", Description = "Iterate over a set of values.")]
[EmbeddedPort("Body")]
public sealed class ForEach : LoopActivityBase
{
    [Input(Description = "The set of values to iterate.")]
    public Input<object> Items { get; set; } = default!;

    [Output(Description = "Assign the current value to the specified variable.")]
    public Output<object> CurrentValue { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context) => Next(context, 0);

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        Next(context, int.Parse(child.Tag ?? "0", CultureInfo.InvariantCulture) + 1);

    private ValueTask Next(ActivityExecutionContext context, int index)
    {
        var items = Materialize(context.Get(Items));
        if (index >= items.Count || Node.GetChild("body") == null)
        {
            return context.CompleteAsync();
        }

        ScheduleIteration(context, index, items[index]);
        return default;
    }
}

[Activity("Elsa", "ParallelForEach", Category = "Looping", Description = "Schedule an activity for each item in parallel.")]
[EmbeddedPort("Body")]
public sealed class ParallelForEach : LoopActivityBase
{
    [Input(Description = "The set of values to iterate.")]
    public Input<object> Items { get; set; } = default!;

    [Output(Description = "Assign the current value to the specified variable.")]
    public Output<object> CurrentValue { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = Materialize(context.Get(Items));
        if (items.Count == 0 || Node.GetChild("body") == null)
        {
            return context.CompleteAsync();
        }

        for (var i = 0; i < items.Count; i++)
        {
            ScheduleIteration(context, i, items[i]);
        }

        return default;
    }
}

[Activity("Elsa", "For", Category = "Looping", Description = "Iterate over a sequence of steps between a start and an end number.")]
[EmbeddedPort("Body")]
public sealed class For : LoopActivityBase
{
    [Input(Description = "The start step.")]
    public Input<int> Start { get; set; } = default!;

    [Input(Description = "The end step.")]
    public Input<int> End { get; set; } = default!;

    [Input(Description = "The step size. To count down, enter a negative number.", DefaultValue = 1)]
    public Input<int> Step { get; set; } = default!;

    [Input(Description = "Whether the end step is inclusive.", DefaultValue = true)]
    public Input<bool> OuterBoundInclusive { get; set; } = default!;

    [Output]
    public Output<object> CurrentValue { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context) => Next(context, context.Get(Start), 0);

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        var index = int.Parse(child.Tag ?? "0", CultureInfo.InvariantCulture) + 1;
        return Next(context, context.Get(Start) + (index * context.Get(Step)), index);
    }

    private ValueTask Next(ActivityExecutionContext context, int value, int index)
    {
        var end = context.Get(End);
        var step = context.Get(Step);
        var inclusive = context.Get(OuterBoundInclusive);
        var inRange = step >= 0 ? (inclusive ? value <= end : value < end) : (inclusive ? value >= end : value > end);
        if (!inRange || step == 0 || Node.GetChild("body") == null)
        {
            return context.CompleteAsync();
        }

        ScheduleIteration(context, index, value);
        return default;
    }
}

[Activity("Elsa", "While", Category = "Looping", Description = "Execute an activity while a given condition evaluates to true.")]
[EmbeddedPort("Body")]
public sealed class While : LoopActivityBase
{
    [Input(AutoEvaluate = false, UIHint = "singleline")]
    public Input<bool> Condition { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context) => Next(context, 0);

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        Next(context, int.Parse(child.Tag ?? "0", CultureInfo.InvariantCulture) + 1);

    private async ValueTask Next(ActivityExecutionContext context, int index)
    {
        var body = Node.GetChild("body");
        if (!await context.EvaluateAsync(Condition).ConfigureAwait(false) || body == null)
        {
            await context.CompleteAsync().ConfigureAwait(false);
            return;
        }

        context.ScheduleActivity(body, index.ToString(CultureInfo.InvariantCulture));
    }
}
