using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Crm.Features.Opportunities.ActivityAlerts;

/// <summary>
/// Starts and cancels the <c>opportunity-activity-alerts</c> flow of one planned activity. The instance id is derived
/// from the activity id (correlation id = the activity id), so completing the activity finds and cancels it without a
/// stored link. Alerts are an addition to planning: a missing flow is logged, never a reason to refuse the plan.
/// </summary>
internal sealed partial class ActivityAlertFlow(IWorkflowRuntime runtime, ILogger<ActivityAlertFlow> logger)
{
    public const string DefinitionId = "opportunity-activity-alerts";

    public static string InstanceIdOf(Guid activityId) => activityId.ToString("N");

    /// <summary>Starts the alerts of a planned activity; returns the instance id, or null when the flow is not published.</summary>
    public async Task<string?> StartAsync(Guid activityId, CancellationToken cancellationToken)
    {
        try
        {
            var run = await runtime.StartAsync(
                new StartWorkflowRequest(DefinitionId)
                {
                    InstanceId = InstanceIdOf(activityId),
                    CorrelationId = activityId.ToString(),
                    Input = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ActivityId"] = activityId.ToString() },
                },
                cancellationToken).ConfigureAwait(false);
            return run.InstanceId;
        }
        catch (WorkflowNotFoundException)
        {
            LogFlowMissing(logger, DefinitionId, activityId);
            return null;
        }
    }

    /// <summary>Cancels the alerts of a done activity (a finished or missing instance is left as it is).</summary>
    public async Task CancelAsync(Guid activityId, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.CancelAsync(InstanceIdOf(activityId), cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowConflictException)
        {
            // The flow is running an alert right now: it re-reads the activity and skips a done one.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {DefinitionId} flow is not published: activity {ActivityId} gets no due or overdue alerts")]
    private static partial void LogFlowMissing(ILogger logger, string definitionId, Guid activityId);
}
