using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using CrmFlow.Crm.Features.Surveys.SubmitSurveyResponse;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.AnswerSurveyTask;

/// <summary>
/// Checks the answers an employee gives through a survey task, with the rules of response entry: the campaign is
/// open, the employee is asked, the answers fit the questionnaire (400 naming <c>Values.&lt;key&gt;</c>) and the
/// employee has not answered yet (422 <c>already_responded</c>). Nothing is written.
/// </summary>
public sealed record CheckSurveyTaskAnswersQuery(Guid CampaignId, Guid RespondentId, JsonObject? Values) : IQuery<Result<Done>>;

/// <summary>
/// Enters the response of a completed survey task (sent by the flow when the task completes): the same checks as
/// <see cref="CheckSurveyTaskAnswersQuery"/>, then one response entered by the employee. A second one is refused
/// (<c>already_responded</c>), which also makes a replay of the flow step harmless.
/// </summary>
public sealed record RecordSurveyTaskResponseCommand(Guid CampaignId, Guid RespondentId, JsonObject? Values) : ICommand<Result<SurveyResponseCreated>>;

internal sealed class CheckSurveyTaskAnswersHandler(CrmDbContext db) : IQueryHandler<CheckSurveyTaskAnswersQuery, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(CheckSurveyTaskAnswersQuery query, CancellationToken cancellationToken)
    {
        var checkedAnswers = await SurveyTaskAnswers.CheckAsync(db, query.CampaignId, query.RespondentId, query.Values, cancellationToken);
        return checkedAnswers.IsOk ? Result<Done>.Ok(default) : checkedAnswers.Cast<Done>();
    }
}

internal sealed class RecordSurveyTaskResponseHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<RecordSurveyTaskResponseCommand, Result<SurveyResponseCreated>>
{
    public async ValueTask<Result<SurveyResponseCreated>> Handle(RecordSurveyTaskResponseCommand command, CancellationToken cancellationToken)
    {
        var checkedAnswers = await SurveyTaskAnswers.CheckAsync(db, command.CampaignId, command.RespondentId, command.Values, cancellationToken);
        if (!checkedAnswers.IsOk)
        {
            return checkedAnswers.Cast<SurveyResponseCreated>();
        }

        var response = new SurveyResponse(
            Guid.CreateVersion7(), command.CampaignId, RespondentKind.Employee, command.RespondentId, null,
            checkedAnswers.Value!, command.RespondentId, time.GetUtcNow());
        db.SurveyResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent entry for the same respondent won the unique index; anything else is a defect.
            db.ChangeTracker.Clear();
            if (await db.SurveyResponses.AnyAsync(r => r.CampaignId == command.CampaignId && r.RespondentId == command.RespondentId, cancellationToken))
            {
                return SurveyTaskAnswers.AlreadyResponded<SurveyResponseCreated>();
            }

            throw;
        }

        return Result<SurveyResponseCreated>.Ok(new(response.Id));
    }
}

/// <summary>The response-entry rules for an employee answering through a task.</summary>
internal static class SurveyTaskAnswers
{
    public static async Task<Result<IReadOnlyDictionary<string, JsonElement>>> CheckAsync(
        CrmDbContext db, Guid campaignId, Guid respondentId, JsonObject? values, CancellationToken cancellationToken)
    {
        var campaign = await db.SurveyCampaigns.AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => new { c.Status, c.Audience, c.ParticipantIds, c.TemplateVersionId })
            .SingleOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return Result<IReadOnlyDictionary<string, JsonElement>>.NotFound();
        }

        if (campaign.Status != SurveyCampaignStatus.Open)
        {
            return Result<IReadOnlyDictionary<string, JsonElement>>.Refused(
                "campaign_not_open", $"The campaign is {campaign.Status.ToString().ToLowerInvariant()}: it accepts no responses.");
        }

        if (campaign.Audience != SurveyAudience.Internal || !campaign.ParticipantIds.Contains(respondentId))
        {
            return Result<IReadOnlyDictionary<string, JsonElement>>.Refused("not_a_participant", "This employee is not asked by the campaign.");
        }

        var questions = await db.QuestionnaireVersions.AsNoTracking()
            .Where(v => v.Id == campaign.TemplateVersionId).Select(v => v.QuestionsJson).SingleAsync(cancellationToken);
        var answers = Questionnaire.ValidateAnswers(Questionnaire.Deserialize<List<Question>>(questions), SurveyTasks.Answers(values));
        if (!answers.IsSuccess)
        {
            // Task forms name their fields Values.<question key> (response entry: answers.<key>).
            throw new ValidationException(answers.Errors.Select(e => new ValidationFailure(
                e.Field.StartsWith("answers.", StringComparison.Ordinal) ? "Values." + e.Field["answers.".Length..] : e.Field, e.Message) { ErrorCode = e.Code }));
        }

        if (await db.SurveyResponses.AnyAsync(r => r.CampaignId == campaignId && r.RespondentId == respondentId, cancellationToken))
        {
            return AlreadyResponded<IReadOnlyDictionary<string, JsonElement>>();
        }

        return Result<IReadOnlyDictionary<string, JsonElement>>.Ok(answers.Value);
    }

    public static Result<T> AlreadyResponded<T>() =>
        Result<T>.Refused(SubmitSurveyResponseHandler.AlreadyResponded, "This respondent has already answered this campaign.");
}
