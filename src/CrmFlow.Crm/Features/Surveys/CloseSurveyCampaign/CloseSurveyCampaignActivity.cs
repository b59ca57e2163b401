using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.CloseSurveyCampaign;

[Activity("CrmFlow.Market", "CloseSurveyCampaign", Version = 1, Category = "Market", DisplayName = "Close survey campaign",
    Description = "Closes the campaign: no more answers (idempotent).")]
[FlowNode(Done)]
internal sealed class CloseSurveyCampaignActivity : CodeActivity
{
    public const string Done = nameof(Done);

    [Input(Description = "The campaign id.", UIHint = "singleline")]
    public Input<string> CampaignId { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var id = SurveyActivityResults.CampaignId(context.Get(CampaignId), nameof(CloseSurveyCampaignCommand));
        SurveyActivityResults.Require(await sender.Send(new CloseSurveyCampaignCommand(id), context.CancellationToken), nameof(CloseSurveyCampaignCommand));
        return Done;
    }
}
