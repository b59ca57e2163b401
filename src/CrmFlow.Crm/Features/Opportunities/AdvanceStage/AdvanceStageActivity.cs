using CrmFlow.Crm.Common.Flows;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.AdvanceStage;

/// <summary>Step 2 of <c>opportunity-stage-advancement</c>: records the stage change (or the won / lost result) in one transaction.</summary>
[Activity("CrmFlow.Sales", "AdvanceStage", Version = 1, Category = "Sales", DisplayName = "Advance stage",
    Description = "Moves the opportunity to the checked stage, or closes it as won or lost, recording summary and time in stage.")]
[FlowNode(Advanced, Won, Lost, Refused)]
internal sealed class AdvanceStageActivity : CodeActivity
{
    public const string Advanced = nameof(Advanced);
    public const string Won = nameof(Won);
    public const string Lost = nameof(Lost);
    public const string Refused = nameof(Refused);

    [Input(Description = "The opportunity.")]
    public Input<Guid> OpportunityId { get; set; } = default!;

    [Input(Description = "The same request the gates were checked for.", UIHint = "json-editor")]
    public Input<object> Request { get; set; } = default!;

    [Output(Description = "recordId, fromStageId, toStageId, status, secondsInStage, summary.")]
    public Output<object> Result { get; set; } = default!;

    [Output(Description = "Why it was refused: a ProblemDetails body with a code.")]
    public Output<object> Problem { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = FlowValues.To<StageAdvanceRequest>(context.Get(Request))
            ?? throw new InvalidOperationException("The advancement request is missing; check the gates first.");
        var user = context.Services.GetService<ICurrentUser>();
        var actor = user?.Id ?? Guid.Empty;
        var sender = context.Services.GetRequiredService<ISender>();
        var result = await sender.Send(new AdvanceStageCommand(context.Get(OpportunityId), request, actor), context.CancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            context.Set(Problem, FlowValues.Problem(result.Refusal ?? new Refusal("not_found", "No such opportunity.")));
            return Refused;
        }

        context.Set(Result, FlowValues.Node(result.Value));
        return result.Value!.Status switch
        {
            OpportunityStatus.Won => Won,
            OpportunityStatus.Lost => Lost,
            _ => Advanced,
        };
    }
}
