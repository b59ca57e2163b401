using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Features.Surveys.AnswerSurveyTask;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.AskSurveyRespondents;

/// <summary>
/// Puts one inbox task per employee asked (who has not answered yet) with the questionnaire as its form, one bookmark
/// per task. A completed task enters that employee's response; a withdrawn one (answered through response entry)
/// enters nothing. Done once no task is left; when the flow finishes first (the campaign closed), the open tasks are
/// cancelled with it.
/// </summary>
[Activity("CrmFlow.Market", "AskSurveyRespondents", Version = 1, Category = "Market", DisplayName = "Ask survey respondents",
    Description = "Creates an inbox task with the questionnaire for every employee asked; each completed task enters that employee's response. Done when every task is answered.")]
[FlowNode(Done)]
internal sealed class AskSurveyRespondentsActivity : Activity
{
    public const string Done = nameof(Done);

    [Input(Description = "The campaign id.", UIHint = "singleline")]
    public Input<string> CampaignId { get; set; } = default!;

    [Output(Description = "How many tasks were created.")]
    public Output<int> TaskCount { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var id = SurveyActivityResults.CampaignId(context.Get(CampaignId), nameof(GetSurveyTasksQuery));
        var plan = SurveyActivityResults.Require(await sender.Send(new GetSurveyTasksQuery(id), context.CancellationToken), nameof(GetSurveyTasksQuery));
        foreach (var respondentId in plan.PendingRespondentIds)
        {
            UserTaskBookmarks.Create(context, plan.SpecFor(respondentId), respondentId.ToString());
        }

        context.Set(TaskCount, plan.PendingRespondentIds.Count);
        if (plan.PendingRespondentIds.Count == 0)
        {
            await context.CompleteAsync(Done);
        }
    }

    protected override async ValueTask OnResumeAsync(ActivityExecutionContext context)
    {
        var input = context.ResumeInput;
        if (input is not null && !input.ContainsKey(UserTaskResume.WithdrawnKey)
            && Guid.TryParse(UserTaskBookmarks.KeyOf(context.ResumedBookmark), out var respondentId))
        {
            var sender = (ISender)context.Services.GetService(typeof(ISender))!;
            var id = SurveyActivityResults.CampaignId(context.Get(CampaignId), nameof(RecordSurveyTaskResponseCommand));
            input.TryGetValue(UserTaskResume.ValuesKey, out var values);
            var recorded = await sender.Send(
                new RecordSurveyTaskResponseCommand(id, respondentId, values as System.Text.Json.Nodes.JsonObject), context.CancellationToken);

            // Refused (answered meanwhile, or a replay of this step): one response per respondent stays; the task is done either way.
            if (recorded.Status != ResultStatus.Refused)
            {
                SurveyActivityResults.Require(recorded, nameof(RecordSurveyTaskResponseCommand));
            }
        }

        if (!context.Bookmarks.Any(UserTaskBookmarks.IsTask))
        {
            await context.CompleteAsync(Done);
        }
    }
}
