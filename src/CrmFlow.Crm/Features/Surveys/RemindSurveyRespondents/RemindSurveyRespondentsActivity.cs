using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.RemindSurveyRespondents;

[Activity("CrmFlow.Market", "RemindSurveyRespondents", Version = 1, Category = "Market", DisplayName = "Remind survey respondents",
    Description = "Notifies the employees who have not answered an open campaign yet (once) and outputs them.")]
[FlowNode(Done)]
internal sealed class RemindSurveyRespondentsActivity : CodeActivity
{
    public const string Done = nameof(Done);

    [Input(Description = "The campaign id.", UIHint = "singleline")]
    public Input<string> CampaignId { get; set; } = default!;

    [Output(Description = "The employees asked who have not answered (user ids).")]
    public Output<string[]> PendingParticipantIds { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var id = SurveyActivityResults.CampaignId(context.Get(CampaignId), nameof(RemindSurveyRespondentsCommand));
        var reminder = SurveyActivityResults.Require(
            await sender.Send(new RemindSurveyRespondentsCommand(id), context.CancellationToken), nameof(RemindSurveyRespondentsCommand));
        context.Set(PendingParticipantIds, [.. reminder.PendingParticipantIds.Select(p => p.ToString())]);
        return Done;
    }
}
