using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

public enum FlowJoinMode
{
    WaitAll,
    WaitAllActive,
    WaitAny,
}

public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}

public enum ForkJoinMode
{
    WaitAny,
    WaitAll,
}

[Activity("Elsa", "FlowDecision", Category = "Branching", DisplayName = "Decision", Description = "Evaluate a Boolean condition to determine which path to execute next.")]
[FlowNode("True", "False")]
public sealed class FlowDecision : CodeActivity
{
    [Input(UIHint = "singleline", DefaultValue = false)]
    public Input<bool> Condition { get; set; } = default!;

    protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(context.Get(Condition) ? "True" : "False");
}

[Activity("Elsa", "FlowJoin", Category = "Branching", DisplayName = "Join", Description = "Explicitly merge multiple branches into a single branch of execution.")]
public sealed class FlowJoin : Activity
{
    public const string TypeName = "Elsa.FlowJoin";

    [Input(Description = "WaitAny continues on the first inbound path, WaitAll once all inbound paths have executed, WaitAllActive once all activated paths have.",
        DefaultValue = FlowJoinMode.WaitAny, UIHint = "dropdown")]
    public Input<FlowJoinMode> Mode { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Execution.Mode == FlowchartExecutionMode.CounterBased && context.Parent?.Activity is Flowchart flowchart)
        {
            var graph = context.Graph.GetTransient(flowchart.Node, _ => new FlowGraph(flowchart.Node, flowchart.GetStartActivity(context.Parent)?.Id));
            await Flowchart.CancelInboundAncestorsAsync(context.Parent, graph, Node.Id).ConfigureAwait(false);
        }

        await context.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Reads the join mode from the node (literal values; other expressions default to WaitAny).</summary>
    internal static FlowJoinMode ReadMode(ActivityNode node)
    {
        var text = node.GetInput("mode")?.Expression?.ValueAsString;
        return Enum.TryParse<FlowJoinMode>(text, ignoreCase: true, out var mode) ? mode : FlowJoinMode.WaitAny;
    }
}

[Activity("Elsa", "FlowFork", Category = "Branching", DisplayName = "Fork (flow)", Description = "Branch execution into multiple branches that will be executed in parallel.")]
public sealed class FlowFork : Activity
{
    [Input(Description = "A list of expected outcomes to handle.", UIHint = "dynamic-outcomes")]
    public Input<string[]> Branches { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Get(Branches);
        return branches is { Length: > 0 } ? context.CompleteAsync(branches) : context.CompleteAsync();
    }
}

/// <summary>A FlowSwitch case: <c>{ "label": "...", "condition": { "type": "...", "value": ... } }</c>.</summary>
internal sealed record SwitchCase(string Label, ExpressionModel? Condition, ActivityNode? Activity)
{
    public static List<SwitchCase> Read(ActivityNode node)
    {
        var list = new List<SwitchCase>();
        if (node.Json.GetArray("cases") is { } cases)
        {
            var activities = node.GetCaseActivities("cases");
            for (var i = 0; i < cases.Count; i++)
            {
                if (cases[i] is not JsonObject c)
                {
                    continue;
                }

                ExpressionModel? condition = null;
                if (c.GetObject("condition") is { } e)
                {
                    e.TryGetPropertyValue("value", out var v);
                    condition = new ExpressionModel(e.GetString("type") ?? "Literal", v);
                }

                list.Add(new SwitchCase(c.GetString("label") ?? string.Empty, condition, i < activities.Count ? activities[i] : null));
            }
        }

        return list;
    }

    public static async ValueTask<bool> EvaluateAsync(ActivityExecutionContext context, SwitchCase c) =>
        c.Condition?.Value != null && EngineValueConverter.ConvertTo<bool>(await context.EvaluateAsync(c.Condition, typeof(bool)).ConfigureAwait(false));
}

[Activity("Elsa", "FlowSwitch", Category = "Branching", DisplayName = "Switch (flow)", Description = "Evaluate a set of case conditions and schedule the activity for a matching case.")]
[FlowNode("Default")]
public sealed class FlowSwitch : Activity
{
    [Input(Description = "The cases to evaluate.", UIHint = "flow-switch-editor", IsWrapped = false)]
    public Input<object> Cases { get; set; } = default!;

    [Input(Description = "MatchFirst schedules the first matching case only; MatchAny all matching cases.", DefaultValue = SwitchMode.MatchFirst, UIHint = "dropdown")]
    public Input<SwitchMode> Mode { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matches = new List<string>();
        foreach (var c in SwitchCase.Read(Node))
        {
            if (await SwitchCase.EvaluateAsync(context, c).ConfigureAwait(false))
            {
                matches.Add(c.Label);
                if (context.Get(Mode) == SwitchMode.MatchFirst)
                {
                    break;
                }
            }
        }

        await context.CompleteAsync(matches.Count > 0 ? [.. matches] : ["Default"]).ConfigureAwait(false);
    }
}

[Activity("Elsa", "Switch", Category = "Branching", Description = "Evaluate a set of case conditions and schedule the activity for a matching case.")]
[EmbeddedPort("Default")]
public sealed class Switch : Activity
{
    [Input(Description = "The cases to evaluate.", UIHint = "switch-editor", IsWrapped = false)]
    public Input<object> Cases { get; set; } = default!;

    [Input(DefaultValue = SwitchMode.MatchFirst, UIHint = "dropdown")]
    public Input<SwitchMode> Mode { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var scheduled = false;
        foreach (var c in SwitchCase.Read(Node))
        {
            if (await SwitchCase.EvaluateAsync(context, c).ConfigureAwait(false))
            {
                if (c.Activity != null)
                {
                    context.ScheduleActivity(c.Activity);
                    scheduled = true;
                }

                if (context.Get(Mode) == SwitchMode.MatchFirst)
                {
                    break;
                }
            }
        }

        if (!scheduled && Node.GetChild("default") is { } fallback)
        {
            context.ScheduleActivity(fallback);
            scheduled = true;
        }

        if (!scheduled)
        {
            await context.CompleteAsync().ConfigureAwait(false);
        }
    }
}

[Activity("Elsa", "If", Category = "Branching", Description = "Evaluate a Boolean condition to determine which activity to execute next.")]
[EmbeddedPort("Then")]
[EmbeddedPort("Else")]
public sealed class If : Activity
{
    [Input(UIHint = "singleline", DefaultValue = false)]
    public Input<bool> Condition { get; set; } = default!;

    [Output(Description = "The evaluated condition.")]
    public Output<bool> Result { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var condition = context.Get(Condition);
        context.Set(Result, condition);
        var branch = Node.GetChild(condition ? "then" : "else");
        if (branch == null)
        {
            return context.CompleteAsync();
        }

        context.ScheduleActivity(branch);
        return default;
    }
}

[Activity("Elsa", "FlowNode", Category = "Flow", DisplayName = "Container", Description = "A simple container that executes the specified activity.")]
[EmbeddedPort("Body")]
public sealed class FlowNode : Activity
{
    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (Node.GetChild("body") is { } body)
        {
            context.ScheduleActivity(body);
            return default;
        }

        return context.CompleteAsync();
    }
}

[Activity("Elsa", "Sequence", Category = "Workflows", Description = "Execute a set of activities in sequence.", IsBrowsable = false)]
[Container]
public sealed class Sequence : Activity
{
    protected override ValueTask ExecuteAsync(ActivityExecutionContext context) => ScheduleAt(context, 0);

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        ScheduleAt(context, int.Parse(child.Tag ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1);

    private ValueTask ScheduleAt(ActivityExecutionContext context, int index)
    {
        if (index >= Node.Activities.Count)
        {
            return context.CompleteAsync();
        }

        context.ScheduleActivity(Node.Activities[index], index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return default;
    }
}

[Activity("Elsa", "Fork", Category = "Control Flow", Description = "Branch execution into multiple branches.", IsBrowsable = false)]
public sealed class Fork : Activity
{
    [Input(Description = "WaitAny completes when the first branch completes (others are cancelled); WaitAll when all have.", DefaultValue = ForkJoinMode.WaitAny, UIHint = "dropdown")]
    public Input<ForkJoinMode> JoinMode { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = Node.GetChildList("branches");
        if (branches.Count == 0)
        {
            return context.CompleteAsync();
        }

        foreach (var branch in branches)
        {
            context.ScheduleActivity(branch);
        }

        return default;
    }

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        context.Get(JoinMode) == ForkJoinMode.WaitAny || context.Children.Count == 0 ? context.CompleteAsync() : default;
}
