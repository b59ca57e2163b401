using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.RecordFollowUp;

[Activity("CrmFlow.Complaints", "RecordFollowUp", Version = 1, Category = "Complaints", DisplayName = "Record follow-up visit",
    Description = "Stores the supervisor's follow-up; Closed when the customer is satisfied, else Reopened (back to handling).")]
[FlowNode(Reopened, Closed)] // the free Closed port last: the designer test connects a new node to the last node's last port
internal sealed class RecordFollowUpActivity : CodeActivity
{
    public const string Closed = nameof(Closed);
    public const string Reopened = nameof(Reopened);

    [Input(Description = "The complaint id.", UIHint = "singleline")]
    public Input<string> ComplaintId { get; set; } = default!;

    [Input(Description = "The supervisor (user id).", UIHint = "singleline")]
    public Input<string> SupervisorId { get; set; } = default!;

    [Input(Description = "Is the customer satisfied?", UIHint = "checkbox")]
    public Input<bool> Satisfied { get; set; } = default!;

    [Input(Description = "The supervision result.", UIHint = "multiline")]
    public Input<string> SupervisionResult { get; set; } = default!;

    [Output(Description = "When the renewed handling is due (Reopened).")]
    public Output<DateTimeOffset?> DueAt { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var result = await sender.Send(new RecordFollowUpCommand(
            Guid.Parse(context.Get(ComplaintId) ?? string.Empty),
            Guid.TryParse(context.Get(SupervisorId), out var supervisorId) ? supervisorId : Guid.Empty,
            context.Get(Satisfied),
            context.Get(SupervisionResult)), context.CancellationToken);
        var recorded = ComplaintActivityResults.Require(result, nameof(RecordFollowUpCommand));
        context.Set(DueAt, recorded.HandlingDueAt);
        return recorded.Closed ? Closed : Reopened;
    }
}
