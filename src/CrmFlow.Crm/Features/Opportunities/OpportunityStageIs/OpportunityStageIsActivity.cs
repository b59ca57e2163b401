using CrmFlow.Crm.Common.Workflows;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.OpportunityStageIs;

/// <summary>
/// Branches on where an opportunity stands, e.g. only deals past "proposal" get a manager review. The designer ticks
/// sales modes and stages in the Studio from today's configuration.
/// </summary>
[Activity("CrmFlow.Sales", "OpportunityStageIs", Version = 1, Category = "Sales", DisplayName = "Opportunity stage is",
    Description = "Continues through True when the opportunity is in one of the sales modes and one of the stages ticked (none ticked: any), else through False.")]
[FlowNode(True, False)]
internal sealed class OpportunityStageIsActivity : CodeActivity
{
    public const string True = nameof(True);
    public const string False = nameof(False);

    [Input(Description = "The opportunity id.", UIHint = "singleline")]
    public Input<string> OpportunityId { get; set; } = default!;

    [Input(Description = "Sales modes that lead to True (none: any).", UIHint = "checklist", OptionsProvider = typeof(SalesModeInputOptions))]
    public Input<string[]> SalesModes { get; set; } = default!;

    [Input(Description = "Stages that lead to True (none: any).", UIHint = "checklist", OptionsProvider = typeof(SalesStageInputOptions))]
    public Input<string[]> Stages { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        if (!Guid.TryParse(context.Get(OpportunityId), out var opportunityId))
        {
            throw new InvalidOperationException($"'{context.Get(OpportunityId)}' is not an opportunity id.");
        }

        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var result = await sender.Send(
            new OpportunityStageIsQuery(opportunityId, context.Get(SalesModes) ?? [], context.Get(Stages) ?? []), context.CancellationToken);
        if (!result.IsOk)
        {
            throw new InvalidOperationException($"{nameof(OpportunityStageIsQuery)} failed: {result.Status}.");
        }

        return result.Value ? True : False;
    }
}
