using System.Text.Json.Nodes;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

/// <summary>
/// Elsa's flowchart: activities plus connections. Two algorithms, chosen per run (<c>Flowchart:ExecutionMode</c>):
/// counter-based (default; implicit joins wait for all active inbound branches, untaken branches are
/// propagated as dead paths) and token-based (per-node <c>customProperties.mergeMode</c>).
/// </summary>
[Activity("Elsa", "Flowchart", Category = "Flow", Description = "A flowchart is a collection of activities and connections between them.", IsBrowsable = false)]
[Container]
[EmbeddedPort("Start", IsBrowsable = false)]
public sealed class Flowchart : Activity
{
    private const string ScopeKey = "flowScope";
    private const string TokensKey = "tokens";
    private const string BackwardInput = "BackwardConnection";

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var start = GetStartActivity(context);
        if (start == null)
        {
            return context.CompleteAsync();
        }

        context.ScheduleActivity(start);
        return default;
    }

    protected internal override async ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        if (context.Execution.Mode == FlowchartExecutionMode.TokenBased)
        {
            await OnChildCompletedTokenBasedAsync(context, child).ConfigureAwait(false);
        }
        else
        {
            await OnChildCompletedCounterBasedAsync(context, child).ConfigureAwait(false);
        }
    }

    internal ActivityNode? GetStartActivity(ActivityExecutionContext context)
    {
        var activities = Node.Activities;
        if (context.Parent == null)
        {
            var trigger = context.WorkflowState.TriggerActivityId;
            if (trigger != null && activities.FirstOrDefault(a => a.Id == trigger) is { } t && context.Execution.IsInitialBurst)
            {
                return t;
            }
        }

        if (Node.StartId is { } startId && activities.FirstOrDefault(a => a.Id == startId) is { } explicitStart)
        {
            return explicitStart;
        }

        return activities.FirstOrDefault(a => a.Type == "Elsa.Start")
               ?? activities.FirstOrDefault(a => a.CanStartWorkflow)
               ?? activities.FirstOrDefault(a => Node.Connections.All(c => c.TargetId != a.Id))
               ?? (activities.Count > 0 ? activities[0] : null);
    }

    private FlowGraph GetFlowGraph(ActivityExecutionContext context) =>
        context.Graph.GetTransient(Node, _ => new FlowGraph(Node, GetStartActivity(context)?.Id));

    private ActivityNode? FindActivity(string id) => Node.Activities.FirstOrDefault(a => a.Id == id);

    private static bool HasPendingWork(ActivityExecutionContext context) => context.Children.Count > 0;

    private static ValueTask CompleteIfNoPendingWorkAsync(ActivityExecutionContext context) =>
        HasPendingWork(context) ? default : context.CompleteAsync();

    // ---------------- counter-based ----------------

    private async ValueTask OnChildCompletedCounterBasedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        var graph = GetFlowGraph(context);
        var scope = new FlowScope(context.Properties);
        if (child.Status != ActivityStatus.Completed)
        {
            // Cancelled or faulted (continue strategy): its outbound connections are dead paths.
            await MaybeScheduleOutboundAsync(context, graph, scope, child.Node.Id, [], false).ConfigureAwait(false);
            await CompleteIfNoPendingWorkAsync(context).ConfigureAwait(false);
            return;
        }

        if (child.Child.Descriptor.IsTerminal)
        {
            await context.CompleteAsync().ConfigureAwait(false);
            return;
        }

        var byBackward = child.Child.State.ScheduleInput?.ContainsKey(BackwardInput) == true;
        var scheduled = await MaybeScheduleOutboundAsync(context, graph, scope, child.Node.Id, child.Outcomes, byBackward).ConfigureAwait(false);
        if (!scheduled)
        {
            await CompleteIfNoPendingWorkAsync(context).ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> MaybeScheduleOutboundAsync(ActivityExecutionContext context, FlowGraph graph, FlowScope scope, string activityId, IReadOnlyList<string> outcomes, bool executedByBackward)
    {
        var scheduled = false;
        if (!executedByBackward)
        {
            scope.RegisterActivityVisit(activityId);
        }

        foreach (var connection in graph.Outbound(activityId))
        {
            var followed = outcomes.Contains(connection.SourcePort);
            scope.RegisterConnectionVisit(connection, followed);
            if (graph.IsBackward(connection))
            {
                if (followed && FindActivity(connection.TargetId) is { } loopTarget)
                {
                    context.ScheduleActivity(loopTarget, scheduleInput: new Dictionary<string, object?> { [BackwardInput] = true });
                    scheduled = true;
                }

                continue;
            }

            scheduled |= await MaybeScheduleTargetAsync(context, graph, scope, connection).ConfigureAwait(false);
        }

        return scheduled;
    }

    private async ValueTask<bool> MaybeScheduleTargetAsync(ActivityExecutionContext context, FlowGraph graph, FlowScope scope, Connection connection)
    {
        var target = FindActivity(connection.TargetId);
        if (target == null)
        {
            return false;
        }

        var inbound = graph.ForwardInbound(target.Id);
        var mode = target.Type == FlowJoin.TypeName ? FlowJoin.ReadMode(target) : FlowJoinMode.WaitAllActive;
        switch (mode)
        {
            case FlowJoinMode.WaitAll:
                if (!scope.AllInboundVisited(inbound, target.Id))
                {
                    return false;
                }

                if (scope.AllInboundFollowed(inbound, target.Id))
                {
                    context.ScheduleActivity(target);
                    return true;
                }

                return await MaybeScheduleOutboundAsync(context, graph, scope, target.Id, [], false).ConfigureAwait(false);

            case FlowJoinMode.WaitAny:
                if (scope.ShouldIgnore(connection, target.Id))
                {
                    return false;
                }

                if (context.Children.Any(c => c.Node.Id == target.Id && c.Status == ActivityStatus.Pending))
                {
                    return false;
                }

                if (scope.AnyInboundFollowed(inbound, target.Id))
                {
                    context.ScheduleActivity(target);
                    await CancelInboundAncestorsAsync(context, graph, target.Id).ConfigureAwait(false);
                    return true;
                }

                if (scope.AllInboundVisited(inbound, target.Id))
                {
                    return await MaybeScheduleOutboundAsync(context, graph, scope, target.Id, [], false).ConfigureAwait(false);
                }

                return false;

            default:
                if (!scope.AllInboundVisited(inbound, target.Id))
                {
                    return false;
                }

                if (scope.AnyInboundFollowed(inbound, target.Id))
                {
                    context.ScheduleActivity(target);
                    return true;
                }

                return await MaybeScheduleOutboundAsync(context, graph, scope, target.Id, [], false).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels running/pending activities upstream of a WaitAny join or Race merge.</summary>
    internal static async ValueTask CancelInboundAncestorsAsync(ActivityExecutionContext context, FlowGraph graph, string targetId)
    {
        var ancestors = graph.Ancestors(targetId);
        foreach (var child in context.Children.Where(c => ancestors.Contains(c.Node.Id)).ToList())
        {
            await child.CancelAsync().ConfigureAwait(false);
            if (context.Execution.Mode == FlowchartExecutionMode.CounterBased)
            {
                var scope = new FlowScope(context.Properties);
                await ((Flowchart)context.Activity).MaybeScheduleOutboundAsync(context, graph, scope, child.Node.Id, [], false).ConfigureAwait(false);
            }
            else
            {
                var tokens = context.Properties[TokensKey] as JsonArray;
                tokens?.RemoveAll(t => t?["from"]?.GetValue<string>() == child.Node.Id || t?["to"]?.GetValue<string>() == child.Node.Id);
            }
        }
    }

    // ---------------- token-based ----------------

    private async ValueTask OnChildCompletedTokenBasedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        var graph = GetFlowGraph(context);
        if (context.Properties[TokensKey] is not JsonArray tokens)
        {
            tokens = [];
            context.Properties[TokensKey] = tokens;
        }

        var completedId = child.Node.Id;
        if (child.Status != ActivityStatus.Completed)
        {
            tokens.RemoveAll(t => From(t) == completedId || To(t) == completedId);
            await CompleteIfNoPendingWorkAsync(context).ConfigureAwait(false);
            return;
        }

        if (child.Child.Descriptor.IsTerminal)
        {
            tokens.Clear();
            await context.CompleteAsync().ConfigureAwait(false);
            return;
        }

        var active = graph.Outbound(completedId).Where(c => child.Outcomes.Contains(c.SourcePort)).Distinct().ToList();
        foreach (var c in active)
        {
            tokens.Add(Token(c.SourceId, c.TargetId, c.SourcePort, blocked: false));
        }

        foreach (var t in tokens.Where(t => To(t) == completedId && !Flag(t, "consumed") && !Flag(t, "blocked")))
        {
            t!["consumed"] = true;
        }

        foreach (var connection in active)
        {
            var target = FindActivity(connection.TargetId);
            if (target == null)
            {
                continue;
            }

            switch (GetMergeMode(target))
            {
                case MergeMode.Cascade:
                case MergeMode.Race:
                    if (GetMergeMode(target) == MergeMode.Race)
                    {
                        await CancelInboundAncestorsAsync(context, graph, target.Id).ConfigureAwait(false);
                    }

                    var blockedToken = tokens.FirstOrDefault(t => To(t) == target.Id && From(t) == connection.SourceId &&
                                                                  t?["outcome"]?.GetValue<string>() == connection.SourcePort && Flag(t, "blocked"));
                    if (blockedToken == null)
                    {
                        context.ScheduleActivity(target);
                        foreach (var other in graph.ForwardInbound(target.Id).Where(x => x.SourceId != completedId))
                        {
                            tokens.Add(Token(other.SourceId, other.TargetId, other.SourcePort, blocked: true));
                        }
                    }
                    else
                    {
                        blockedToken["consumed"] = true;
                    }

                    break;

                case MergeMode.Merge:
                    ScheduleIfAllTokens(context, tokens, target, graph.ForwardInbound(target.Id));
                    break;

                case MergeMode.Converge:
                    ScheduleIfAllTokens(context, tokens, target, graph.Inbound(target.Id));
                    break;

                default:
                    var upstreamPending = graph.ForwardInbound(target.Id).Any(inbound =>
                        tokens.Any(t => !Flag(t, "consumed") && !Flag(t, "blocked") && To(t) == inbound.SourceId));
                    if (!upstreamPending)
                    {
                        context.ScheduleActivity(target);
                    }

                    break;
            }
        }

        if (!HasPendingWork(context))
        {
            tokens.Clear();
            await context.CompleteAsync().ConfigureAwait(false);
            return;
        }

        tokens.RemoveAll(t => To(t) == completedId && Flag(t, "consumed"));
    }

    private static void ScheduleIfAllTokens(ActivityExecutionContext context, JsonArray tokens, ActivityNode target, IReadOnlyList<Connection> inbound)
    {
        if (inbound.Count > 1)
        {
            var all = inbound.All(c => tokens.Any(t => !Flag(t, "consumed") && !Flag(t, "blocked") && From(t) == c.SourceId && To(t) == target.Id &&
                                                      t?["outcome"]?.GetValue<string>() == c.SourcePort));
            if (!all)
            {
                return;
            }
        }

        context.ScheduleActivity(target);
    }

    private static MergeMode GetMergeMode(ActivityNode target)
    {
        if (target.Type == FlowJoin.TypeName)
        {
            return FlowJoin.ReadMode(target) == FlowJoinMode.WaitAny ? MergeMode.Race : MergeMode.Merge;
        }

        return Enum.TryParse<MergeMode>(target.MergeMode, ignoreCase: true, out var m) && m != MergeMode.None ? m : MergeMode.Stream;
    }

    private static JsonObject Token(string from, string to, string outcome, bool blocked) =>
        new() { ["from"] = from, ["to"] = to, ["outcome"] = outcome, ["consumed"] = false, ["blocked"] = blocked };

    private static string? From(JsonNode? t) => t?["from"]?.GetValue<string>();

    private static string? To(JsonNode? t) => t?["to"]?.GetValue<string>();

    private static bool Flag(JsonNode? t, string name) => t?[name]?.GetValue<bool>() == true;

    /// <summary>Counter-mode visit bookkeeping, persisted in the flowchart context's properties.</summary>
    private sealed class FlowScope
    {
        private readonly JsonObject _activities;
        private readonly JsonObject _connections;
        private readonly JsonObject _followed;

        public FlowScope(JsonObject properties)
        {
            if (properties[ScopeKey] is not JsonObject scope)
            {
                scope = new JsonObject { ["activities"] = new JsonObject(), ["connections"] = new JsonObject(), ["followed"] = new JsonObject() };
                properties[ScopeKey] = scope;
            }

            _activities = (JsonObject)scope["activities"]!;
            _connections = (JsonObject)scope["connections"]!;
            _followed = (JsonObject)scope["followed"]!;
        }

        public void RegisterActivityVisit(string id) => _activities[id] = ActivityVisits(id) + 1;

        public void RegisterConnectionVisit(Connection c, bool followed)
        {
            var key = c.Key;
            _connections[key] = ConnectionVisits(c) + 1;
            _followed[key] = followed;
        }

        public bool AllInboundVisited(IReadOnlyList<Connection> inbound, string id) =>
            inbound.Count == 0 || inbound.Min(ConnectionVisits) > ActivityVisits(id);

        public bool AnyInboundFollowed(IReadOnlyList<Connection> inbound, string id)
        {
            if (inbound.Count == 0)
            {
                return true;
            }

            var max = inbound.Max(ConnectionVisits);
            return max > ActivityVisits(id) && inbound.Any(c => ConnectionVisits(c) == max && LastFollowed(c));
        }

        public bool AllInboundFollowed(IReadOnlyList<Connection> inbound, string id)
        {
            if (inbound.Count == 0)
            {
                return true;
            }

            var max = inbound.Max(ConnectionVisits);
            return max > ActivityVisits(id) && inbound.All(c => ConnectionVisits(c) == max && LastFollowed(c));
        }

        public bool ShouldIgnore(Connection c, string targetId) => ConnectionVisits(c) <= ActivityVisits(targetId);

        private long ActivityVisits(string id) => _activities[id]?.GetValue<long>() ?? 0;

        private long ConnectionVisits(Connection c) => _connections[c.Key]?.GetValue<long>() ?? 0;

        private bool LastFollowed(Connection c) => _followed[c.Key]?.GetValue<bool>() ?? false;
    }
}

/// <summary>Token-mode merge behaviour of an implicit join (<c>customProperties.mergeMode</c>).</summary>
public enum MergeMode
{
    None,
    Stream,
    Merge,
    Converge,
    Cascade,
    Race,
}
