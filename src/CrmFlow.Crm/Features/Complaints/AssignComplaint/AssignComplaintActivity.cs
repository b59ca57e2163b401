using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.AssignComplaint;

[Activity("CrmFlow.Complaints", "AssignComplaint", Version = 1, Category = "Complaints", DisplayName = "Assign complaint",
    Description = "Assigns the handler chosen by the supervisor after verifying the handler's permission on the customer.")]
[FlowNode(Assigned, Refused)]
internal sealed class AssignComplaintActivity : CodeActivity
{
    public const string Assigned = nameof(Assigned);
    public const string Refused = nameof(Refused);

    [Input(Description = "The complaint id.", UIHint = "singleline")]
    public Input<string> ComplaintId { get; set; } = default!;

    [Input(Description = "The supervisor who assigns (user id).", UIHint = "singleline")]
    public Input<string> SupervisorId { get; set; } = default!;

    [Input(Description = "The handler (user id).", UIHint = "singleline")]
    public Input<string> HandlerId { get; set; } = default!;

    [Output(Description = "When the handling is due.")]
    public Output<DateTimeOffset> DueAt { get; set; } = default!;

    [Output(Description = "The assigned handler (user id).")]
    public Output<string> AssignedHandlerId { get; set; } = default!;

    [Output(Description = "Why the assignment was refused.")]
    public Output<string> RefusalReason { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var result = await sender.Send(new AssignComplaintCommand(
            Guid.Parse(context.Get(ComplaintId) ?? string.Empty),
            Guid.Parse(context.Get(SupervisorId) ?? string.Empty),
            Guid.TryParse(context.Get(HandlerId), out var handlerId) ? handlerId : Guid.Empty), context.CancellationToken);
        if (result.Status == ResultStatus.Refused)
        {
            context.Set(RefusalReason, result.Refusal!.Detail);
            return Refused;
        }

        var assigned = ComplaintActivityResults.Require(result, nameof(AssignComplaintCommand));
        context.Set(DueAt, assigned.DueAt);
        context.Set(AssignedHandlerId, assigned.HandlerId.ToString());
        context.Set(RefusalReason, null);
        return Assigned;
    }
}
