using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.ActivityAlerts;

/// <summary>Sends the due or overdue alert of a planned activity as notifications; Skipped when the activity is done, cancelled or changed.</summary>
[Activity("CrmFlow.Sales", "SendActivityAlert", Version = 1, Category = "Sales", DisplayName = "Send activity alert",
    Description = "Notifies the executor (due) or the executor and the opportunity owner (overdue) of a planned activity; Skipped when it is done, cancelled or changed since the revision.")]
[FlowNode(Sent, Skipped)]
internal sealed class SendActivityAlertActivity : CodeActivity
{
    public const string Sent = nameof(Sent);
    public const string Skipped = nameof(Skipped);

    [Input(Description = "The opportunity activity id.", UIHint = "singleline")]
    public Input<string> ActivityId { get; set; } = default!;

    [Input(Description = "The schedule revision this instance serves (the flow input Revision); a changed, done or cancelled activity is then not alerted. 0: the current one.")]
    public Input<int> Revision { get; set; } = default!;

    [Input(Description = "Due or Overdue.", UIHint = "dropdown", Options = ["Due", "Overdue"], DefaultValue = "Due")]
    public Input<string> Kind { get; set; } = default!;

    [Output(Description = "The users notified (ids).")]
    public Output<string[]> Recipients { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var id = ActivityAlertResults.ActivityId(context.Get(ActivityId), nameof(SendActivityAlertCommand));
        if (!Enum.TryParse<ActivityAlertKind>(context.Get(Kind), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new WorkflowFaultException(
                "invalid_input", "CrmFlow.Sales", nameof(SendActivityAlertCommand), $"{nameof(SendActivityAlertCommand)}: kind '{context.Get(Kind)}' is not Due or Overdue.");
        }

        var sent = ActivityAlertResults.Require(await sender.Send(new SendActivityAlertCommand(id, kind, GetActivityAlertScheduleActivity.RevisionOf(context.Get(Revision))), context.CancellationToken), nameof(SendActivityAlertCommand));
        context.Set(Recipients, [.. sent.Recipients.Select(r => r.ToString())]);
        return sent.Sent ? Sent : Skipped;
    }
}
