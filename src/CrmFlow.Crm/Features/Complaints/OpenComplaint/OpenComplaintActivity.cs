using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.OpenComplaint;

[Activity("CrmFlow.Complaints", "OpenComplaint", Version = 1, Category = "Complaints", DisplayName = "Open complaint",
    Description = "Puts a recorded complaint in the supervisors' hands; outputs its customer, the supervisors and the assignment's due time.")]
[FlowNode(Opened)]
internal sealed class OpenComplaintActivity : CodeActivity
{
    public const string Opened = nameof(Opened);

    [Input(Description = "The complaint id.", UIHint = "singleline")]
    public Input<string> ComplaintId { get; set; } = default!;

    [Output(Description = "The complaint's customer id.")]
    public Output<string> CustomerId { get; set; } = default!;

    [Output(Description = "The active complaint supervisors (user ids).")]
    public Output<string[]> SupervisorIds { get; set; } = default!;

    [Output(Description = "When the assignment is due.")]
    public Output<DateTimeOffset> DueAt { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var result = await sender.Send(new OpenComplaintCommand(Guid.Parse(context.Get(ComplaintId) ?? string.Empty)), context.CancellationToken);
        var opened = ComplaintActivityResults.Require(result, nameof(OpenComplaintCommand));
        context.Set(CustomerId, opened.CustomerId.ToString());
        context.Set(SupervisorIds, [.. opened.SupervisorIds.Select(id => id.ToString())]);
        context.Set(DueAt, opened.DueAt);
        return Opened;
    }
}
