using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Crm.Features.Opportunities.ActivityAlerts;

/// <summary>
/// Starts and cancels the <c>opportunity-activity-alerts</c> flow of a planned activity: one instance per revision of
/// its schedule (correlation id = the activity id, inputs <c>ActivityId</c> and <c>Revision</c>). The instance id is
/// derived from the activity id and the revision, so it is known — and stored on the activity — before the instance
/// starts. When the executor or the due time changes, the old instance is cancelled and one for the new revision
/// started; an old instance that could not be cancelled re-reads the activity when its timer fires and, finding a newer
/// revision, finishes without alerting. Alerts are an addition to planning: a missing flow is logged, never a reason to
/// refuse the plan.
/// </summary>
internal sealed partial class ActivityAlertFlow(IWorkflowRuntime runtime, ILogger<ActivityAlertFlow> logger)
{
    public const string DefinitionId = "opportunity-activity-alerts";

    /// <summary>The instance of revision 1 is the activity id without dashes (as before revisions existed); later ones add <c>-r{revision}</c>.</summary>
    public static string InstanceIdOf(Guid activityId, int revision = 1) =>
        revision <= 1 ? activityId.ToString("N") : $"{activityId:N}-r{revision}";

    /// <summary>The alert instance serving <paramref name="activity"/> now (rows planned before it was stored: revision 1's).</summary>
    public static string CurrentInstanceOf(OpportunityActivity activity) => activity.AlertWorkflowInstanceId ?? InstanceIdOf(activity.Id);

    /// <summary>Names on the activity the instance of its current revision, before that instance is started.</summary>
    public static void AssignInstance(OpportunityActivity activity) => activity.AlertsRunIn(InstanceIdOf(activity.Id, activity.Revision));

    /// <summary>Starts the alerts of one revision of a planned activity; returns the instance id, or null when the flow is not published.</summary>
    public async Task<string?> StartAsync(Guid activityId, int revision, CancellationToken cancellationToken)
    {
        try
        {
            var run = await runtime.StartAsync(
                new StartWorkflowRequest(DefinitionId)
                {
                    InstanceId = InstanceIdOf(activityId, revision),
                    CorrelationId = activityId.ToString(),
                    Input = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ActivityId"] = activityId.ToString(), ["Revision"] = revision },
                },
                cancellationToken).ConfigureAwait(false);
            return run.Outcome == WorkflowRunOutcome.NotActivated ? null : run.InstanceId;
        }
        catch (WorkflowNotFoundException)
        {
            LogFlowMissing(logger, DefinitionId, activityId);
            return null;
        }
    }

    /// <summary>Cancels an alert instance (a finished or missing instance is left as it is).</summary>
    public async Task CancelAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.CancelAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowConflictException)
        {
            // The instance is busy past the lock timeout: when its timer fires it re-reads the activity and, finding it
            // done, cancelled or of a newer revision, finishes without alerting.
            LogCancelDeferred(logger, instanceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {DefinitionId} flow is not published: activity {ActivityId} gets no due or overdue alerts")]
    private static partial void LogFlowMissing(ILogger logger, string definitionId, Guid activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert instance {InstanceId} could not be cancelled now; it skips its alerts when it wakes")]
    private static partial void LogCancelDeferred(ILogger logger, string instanceId);
}
