using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.ActivityAlerts;

/// <summary>Step 1 of <c>opportunity-activity-alerts</c>: when to send the due and the overdue alert of a planned activity.</summary>
[Activity("CrmFlow.Sales", "GetActivityAlertSchedule", Version = 1, Category = "Sales", DisplayName = "Get activity alert schedule",
    Description = "Reads a planned opportunity activity's due time and computes its due-alert and overdue-alert times; Done when it is done, cancelled or changed since the revision.")]
[FlowNode(Planned, Done)]
internal sealed class GetActivityAlertScheduleActivity : CodeActivity
{
    public const string Planned = nameof(Planned);
    public const string Done = nameof(Done);

    [Input(Description = "The opportunity activity id.", UIHint = "singleline")]
    public Input<string> ActivityId { get; set; } = default!;

    [Input(Description = "The schedule revision this instance serves (the flow input Revision); a changed, done or cancelled activity is then not alerted. 0: the current one.")]
    public Input<int> Revision { get; set; } = default!;

    [Input(Description = "Hours before the due time to send the due alert.", DefaultValue = 24d)]
    public Input<double> DueAlertLeadHours { get; set; } = default!;

    [Input(Description = "Hours after the due time to send the overdue alert (0: as soon as it is past due).", DefaultValue = 0d)]
    public Input<double> OverdueAfterHours { get; set; } = default!;

    [Output(Description = "When the due alert goes out (now when that time has passed).")]
    public Output<DateTimeOffset> DueAlertAt { get; set; } = default!;

    [Output(Description = "When the overdue alert goes out.")]
    public Output<DateTimeOffset> OverdueAt { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var id = ActivityAlertResults.ActivityId(context.Get(ActivityId), nameof(GetActivityAlertScheduleQuery));
        var schedule = ActivityAlertResults.Require(
            await sender.Send(new GetActivityAlertScheduleQuery(id, context.Get(DueAlertLeadHours), context.Get(OverdueAfterHours), RevisionOf(context.Get(Revision))), context.CancellationToken),
            nameof(GetActivityAlertScheduleQuery));
        context.Set(DueAlertAt, schedule.DueAlertAt);
        context.Set(OverdueAt, schedule.OverdueAt);
        return schedule.IsDone ? Done : Planned;
    }

    /// <summary>0 (an instance started before revisions were passed): no revision check.</summary>
    internal static int? RevisionOf(int value) => value > 0 ? value : null;
}
