using CrmFlow.Crm.Common.Workflows;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.ComplaintReasonIs;

/// <summary>
/// Routes a complaint by its reason, e.g. quality complaints to a product supervisor. The designer ticks the reasons in
/// the Studio from today's reason list (stored as codes, so the flow moves between databases unchanged).
/// </summary>
[Activity("CrmFlow.Complaints", "ComplaintReasonIs", Version = 1, Category = "Complaints", DisplayName = "Complaint reason is",
    Description = "Continues through True when the complaint's reason is one of the reasons ticked, else through False.")]
[FlowNode(True, False)]
internal sealed class ComplaintReasonIsActivity : CodeActivity
{
    public const string True = nameof(True);
    public const string False = nameof(False);

    [Input(Description = "The complaint id.", UIHint = "singleline")]
    public Input<string> ComplaintId { get; set; } = default!;

    [Input(Description = "The complaint reasons that lead to True.", UIHint = "checklist", OptionsProvider = typeof(ComplaintReasonInputOptions))]
    public Input<string[]> Reasons { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        if (!Guid.TryParse(context.Get(ComplaintId), out var complaintId))
        {
            throw new InvalidOperationException($"'{context.Get(ComplaintId)}' is not a complaint id.");
        }

        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var matches = ComplaintActivityResults.Require(
            await sender.Send(new ComplaintReasonIsQuery(complaintId, context.Get(Reasons) ?? []), context.CancellationToken),
            nameof(ComplaintReasonIsQuery));
        return matches ? True : False;
    }
}
