using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.RecordHandlingResult;

[Activity("CrmFlow.Complaints", "RecordHandlingResult", Version = 1, Category = "Complaints", DisplayName = "Record handling result",
    Description = "Stores the handler's result; outputs when the follow-up visit is due.")]
internal sealed class RecordHandlingResultActivity : CodeActivity
{
    [Input(Description = "The complaint id.", UIHint = "singleline")]
    public Input<string> ComplaintId { get; set; } = default!;

    [Input(Description = "The handler (user id).", UIHint = "singleline")]
    public Input<string> HandlerId { get; set; } = default!;

    [Input(Description = "The handling result.", UIHint = "multiline")]
    public Input<string> Result { get; set; } = default!;

    [Output(Description = "When the follow-up visit is due.")]
    public Output<DateTimeOffset> DueAt { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var result = await sender.Send(new RecordHandlingResultCommand(
            Guid.Parse(context.Get(ComplaintId) ?? string.Empty),
            Guid.TryParse(context.Get(HandlerId), out var handlerId) ? handlerId : Guid.Empty,
            context.Get(Result) ?? string.Empty), context.CancellationToken);
        context.Set(DueAt, ComplaintActivityResults.Require(result, nameof(RecordHandlingResultCommand)).FollowUpDueAt);
        return Outcomes.Done;
    }
}
