using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.OpenSurveyCampaign;

[Activity("CrmFlow.Market", "OpenSurveyCampaign", Version = 1, Category = "Market", DisplayName = "Open survey campaign",
    Description = "Opens the campaign for answers (idempotent); Closed when it was closed meanwhile.")]
[FlowNode(Opened, Closed)]
internal sealed class OpenSurveyCampaignActivity : CodeActivity
{
    public const string Opened = nameof(Opened);
    public const string Closed = nameof(Closed);

    [Input(Description = "The campaign id.", UIHint = "singleline")]
    public Input<string> CampaignId { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var id = SurveyActivityResults.CampaignId(context.Get(CampaignId), nameof(OpenSurveyCampaignCommand));
        var result = await sender.Send(new OpenSurveyCampaignCommand(id), context.CancellationToken);
        if (result.Status == ResultStatus.Refused)
        {
            return Closed;
        }

        SurveyActivityResults.Require(result, nameof(OpenSurveyCampaignCommand));
        return Opened;
    }
}
