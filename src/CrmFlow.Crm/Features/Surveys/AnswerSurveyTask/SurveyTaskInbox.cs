using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Features.Inbox;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.AnswerSurveyTask;

/// <summary>Completing a survey task: the answers must pass response entry's rules before the flow resumes.</summary>
internal sealed class SurveyTaskCompletionCheck(ISender sender) : ITaskCompletionCheck
{
    public string Kind => SurveyTasks.Kind;

    public async ValueTask<Refusal?> CheckAsync(UserTaskItem task, JsonObject values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Guid.TryParse(task.Spec.Reference, out var campaignId) || !Guid.TryParse(task.Assignee, out var respondentId))
        {
            return new Refusal("not_a_survey_task", "This task names no survey campaign or respondent.");
        }

        var result = await sender.Send(new CheckSurveyTaskAnswersQuery(campaignId, respondentId, values), cancellationToken);
        return result.Status switch
        {
            ResultStatus.Ok => null,
            ResultStatus.NotFound => new Refusal("campaign_not_found", "The survey campaign no longer exists."),
            _ => result.Refusal,
        };
    }
}

/// <summary>
/// Withdraws an employee's open survey task once the response arrived through response entry: the task's bookmark
/// is resumed with <see cref="UserTaskResume.WithdrawnKey"/>, so the flow enters nothing and the inbox shows the task
/// cancelled. A task completed or cancelled meanwhile is left as it is.
/// </summary>
internal sealed partial class SurveyTaskWithdrawal(IUserTaskStore tasks, IWorkflowRuntime runtime, ILogger<SurveyTaskWithdrawal> logger)
{
    public async Task WithdrawAsync(string? workflowInstanceId, Guid campaignId, Guid respondentId, CancellationToken cancellationToken)
    {
        if (workflowInstanceId is null)
        {
            return;
        }

        var reference = campaignId.ToString();
        var respondent = respondentId.ToString();
        var open = (await tasks.ListOpenByInstancesAsync([workflowInstanceId], cancellationToken))
            .Where(t => t.Spec.Kind == SurveyTasks.Kind && t.Spec.Reference == reference && string.Equals(t.Assignee, respondent, StringComparison.OrdinalIgnoreCase));
        foreach (var task in open)
        {
            try
            {
                await runtime.ResumeAsync(new ResumeBookmarkRequest(task.Id)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    Input = new Dictionary<string, object?>(StringComparer.Ordinal) { [UserTaskResume.WithdrawnKey] = "Answered through response entry." },
                }, cancellationToken);
            }
            catch (Exception ex) when (ex is WorkflowConflictException or WorkflowNotFoundException)
            {
                // Completed, cancelled or resumed by someone else meanwhile (or the instance is gone): nothing is left to withdraw.
                LogWithdrawRaced(logger, task.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey task {TaskId} changed before it could be withdrawn")]
    private static partial void LogWithdrawRaced(ILogger logger, string taskId);
}
