using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.GetSurveyCampaign;

[Activity("CrmFlow.Market", "GetSurveyCampaign", Version = 1, Category = "Market", DisplayName = "Get survey campaign",
    Description = "Reads a survey campaign's schedule: start, reminder (the end when none) and end.")]
[FlowNode(Done)]
internal sealed class GetSurveyCampaignActivity : CodeActivity
{
    public const string Done = nameof(Done);

    [Input(Description = "The campaign id.", UIHint = "singleline")]
    public Input<string> CampaignId { get; set; } = default!;

    [Output(Description = "When the campaign opens.")]
    public Output<DateTimeOffset> StartsAt { get; set; } = default!;

    [Output(Description = "When the reminder goes out (the end when the campaign has none).")]
    public Output<DateTimeOffset> ReminderAt { get; set; } = default!;

    [Output(Description = "When the campaign closes.")]
    public Output<DateTimeOffset> EndsAt { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var id = SurveyActivityResults.CampaignId(context.Get(CampaignId), nameof(GetSurveyCampaignQuery));
        var campaign = SurveyActivityResults.Require(await sender.Send(new GetSurveyCampaignQuery(id), context.CancellationToken), nameof(GetSurveyCampaignQuery));
        context.Set(StartsAt, campaign.StartsAt);
        context.Set(ReminderAt, campaign.ReminderAt ?? campaign.EndsAt);
        context.Set(EndsAt, campaign.EndsAt);
        return Done;
    }
}
