using System.Globalization;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>
/// Builds the trigger index of a published version: every start activity (<c>canStartWorkflow</c>) of a trigger
/// type with literal inputs. HTTP endpoints index one row per method; events by name; Timer, Cron and StartAt
/// also get a durable timer row.
/// </summary>
internal static class TriggerIndexer
{
    public const string HttpEndpointType = "Elsa.HttpEndpoint";
    public const string EventType = "Elsa.Event";
    public const string TimerType = "Elsa.Timer";
    public const string CronType = "Elsa.Cron";
    public const string StartAtType = "Elsa.StartAt";

    public static (List<TriggerRecord> Triggers, List<ScheduledTimerRecord> Timers) Build(WorkflowDefinition definition, DateTimeOffset now)
    {
        var triggers = new List<TriggerRecord>();
        var timers = new List<ScheduledTimerRecord>();
        foreach (var node in definition.AllActivities.Where(a => a.CanStartWorkflow))
        {
            switch (node.Type)
            {
                case HttpEndpointType:
                    foreach (var (path, method) in InMemoryWorkflowDefinitionStore.HttpRoutes(new SingleNode(definition, node).Definition))
                    {
                        Add(triggers, definition, node, new JsonObject { ["path"] = path, ["method"] = method });
                    }

                    break;
                case EventType when Literal(node, "eventName") is { } name:
                    Add(triggers, definition, node, Event.Stimulus(name));
                    break;
                case CronType when Literal(node, "cronExpression") is { } cron:
                    {
                        var trigger = Add(triggers, definition, node, new JsonObject { ["cronExpression"] = cron });
                        if (Activities.Cron.Parse(cron).GetNextOccurrence(now, TimeZoneInfo.Utc) is { } next)
                        {
                            timers.Add(Timer(trigger, next, cron, null));
                        }

                        break;
                    }

                case TimerType when Literal(node, "interval") is { } text && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero:
                    {
                        var trigger = Add(triggers, definition, node, new JsonObject { ["interval"] = text });
                        timers.Add(Timer(trigger, now + interval, null, text));
                        break;
                    }

                case StartAtType when Literal(node, "dateTime") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                    {
                        var trigger = Add(triggers, definition, node, new JsonObject { ["dateTime"] = text });
                        timers.Add(Timer(trigger, at, null, null));
                        break;
                    }
            }
        }

        return (triggers, timers);
    }

    /// <summary>The next due time of a recurring start trigger after it fired; null when it does not recur.</summary>
    public static DateTimeOffset? NextDue(ScheduledTimerRecord timer, DateTimeOffset now)
    {
        if (timer.CronExpression is { } cron)
        {
            return Activities.Cron.Parse(cron).GetNextOccurrence(now, TimeZoneInfo.Utc);
        }

        if (timer.Interval is { } text && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            var next = timer.DueAt + interval;
            return next > now ? next : now + interval;
        }

        return null;
    }

    private static string? Literal(ActivityNode node, string input) =>
        node.GetInput(input)?.Expression is { } e && string.Equals(e.Type, "Literal", StringComparison.OrdinalIgnoreCase) ? e.ValueAsString : null;

    private static TriggerRecord Add(List<TriggerRecord> triggers, WorkflowDefinition definition, ActivityNode node, JsonObject stimulus)
    {
        var record = new TriggerRecord
        {
            Id = Ids.New(),
            DefinitionId = definition.DefinitionId!,
            DefinitionVersionId = definition.Id!,
            ActivityId = node.Id,
            Name = node.Type,
            Hash = BookmarkHasher.Hash(node.Type, stimulus),
            Stimulus = stimulus.ToJsonString(),
        };
        triggers.Add(record);
        return record;
    }

    private static ScheduledTimerRecord Timer(TriggerRecord trigger, DateTimeOffset due, string? cron, string? interval) => new()
    {
        Id = Ids.New(),
        DueAt = due,
        DefinitionId = trigger.DefinitionId,
        TriggerId = trigger.Id,
        ActivityId = trigger.ActivityId,
        CronExpression = cron,
        Interval = interval,
    };

    /// <summary>A throw-away definition holding one node, to reuse the HTTP route reader per node.</summary>
    private sealed class SingleNode(WorkflowDefinition definition, ActivityNode node)
    {
        public WorkflowDefinition Definition { get; } = new(new JsonObject
        {
            ["definitionId"] = definition.DefinitionId,
            ["root"] = node.Json.DeepClone(),
        });
    }
}

/// <summary>Identifiers: time-ordered version 7 GUIDs as 32 lower-case hex characters (as the engine's instance ids).</summary>
internal static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
