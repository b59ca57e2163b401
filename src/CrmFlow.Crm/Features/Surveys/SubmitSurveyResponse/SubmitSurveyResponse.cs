using System.Text.Json;
using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Market;
using CrmFlow.Crm.Features.Surveys.AnswerSurveyTask;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.SubmitSurveyResponse;

/// <summary>
/// Enters one returned questionnaire for an open campaign. External campaigns take customers or contacts the caller
/// may read; internal ones take the employees asked. Answers (question key → value) are checked against the
/// campaign's template version (400 naming <c>answers.&lt;key&gt;</c>); a second response of the same respondent is
/// refused (422 <c>already_responded</c>). An employee's open survey task is withdrawn once their response is entered.
/// </summary>
public sealed record SubmitSurveyResponseCommand(
    Guid CampaignId, RespondentKind RespondentKind, Guid RespondentId, IReadOnlyDictionary<string, JsonElement>? Answers)
    : ICommand<Result<SurveyResponseCreated>>;

public sealed record SurveyResponseCreated(Guid Id);

internal sealed class SubmitSurveyResponseValidator : AbstractValidator<SubmitSurveyResponseCommand>
{
    public SubmitSurveyResponseValidator()
    {
        RuleFor(c => c.RespondentKind).IsInEnum();
        RuleFor(c => c.RespondentId).NotEmpty();
    }
}

internal sealed class SubmitSurveyResponseHandler(CrmDbContext db, ICurrentUser user, TimeProvider time, SurveyTaskWithdrawal tasks)
    : ICommandHandler<SubmitSurveyResponseCommand, Result<SurveyResponseCreated>>
{
    public const string AlreadyResponded = "already_responded";

    public async ValueTask<Result<SurveyResponseCreated>> Handle(SubmitSurveyResponseCommand command, CancellationToken cancellationToken)
    {
        if (!user.IsUser)
        {
            return Result<SurveyResponseCreated>.Forbidden("users_only", "Only a signed-in user can enter responses.");
        }

        var campaign = await db.SurveyCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return Result<SurveyResponseCreated>.NotFound();
        }

        if (campaign.Status != SurveyCampaignStatus.Open)
        {
            return Result<SurveyResponseCreated>.Refused("campaign_not_open", $"The campaign is {campaign.Status.ToString().ToLowerInvariant()}: it accepts no responses.");
        }

        var external = campaign.Audience == SurveyAudience.External;
        if (external == (command.RespondentKind == RespondentKind.Employee))
        {
            throw SurveyRules.Invalid([new DomainError("respondentKind", DomainErrorCodes.OutOfRange,
                external ? "An external campaign asks customers or contacts." : "An internal campaign asks employees.")]);
        }

        var customerId = await RespondentCustomerAsync(command, campaign, cancellationToken);
        if (customerId is null)
        {
            throw SurveyRules.Invalid([new DomainError("respondentId", DomainErrorCodes.Unknown, "No such respondent for this campaign.")]);
        }

        var questions = await db.QuestionnaireVersions.AsNoTracking()
            .Where(v => v.Id == campaign.TemplateVersionId).Select(v => v.QuestionsJson).SingleAsync(cancellationToken);
        var answers = Questionnaire.ValidateAnswers(Questionnaire.Deserialize<List<Question>>(questions), command.Answers);
        if (!answers.IsSuccess)
        {
            throw SurveyRules.Invalid(answers.Errors);
        }

        if (await db.SurveyResponses.AnyAsync(r => r.CampaignId == campaign.Id && r.RespondentId == command.RespondentId, cancellationToken))
        {
            return Refused();
        }

        var response = new SurveyResponse(
            Guid.CreateVersion7(), campaign.Id, command.RespondentKind, command.RespondentId, customerId == Guid.Empty ? null : customerId,
            answers.Value, user.Id!.Value, time.GetUtcNow());
        db.SurveyResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent entry for the same respondent won the unique index; anything else is a defect.
            if (await AnsweredMeanwhileAsync(command, cancellationToken))
            {
                return Refused();
            }

            throw;
        }

        if (command.RespondentKind == RespondentKind.Employee)
        {
            // The employee answered: their survey task leaves their inbox.
            await tasks.WithdrawAsync(campaign.WorkflowInstanceId, campaign.Id, command.RespondentId, cancellationToken);
        }

        return Result<SurveyResponseCreated>.Ok(new(response.Id));
    }

    private static Result<SurveyResponseCreated> Refused() =>
        Result<SurveyResponseCreated>.Refused(AlreadyResponded, "This respondent has already answered this campaign.");

    private async Task<bool> AnsweredMeanwhileAsync(SubmitSurveyResponseCommand command, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.SurveyResponses.AnyAsync(r => r.CampaignId == command.CampaignId && r.RespondentId == command.RespondentId, cancellationToken);
    }

    /// <summary>The respondent's customer (Guid.Empty for employees), or null when the respondent is unknown or not visible.</summary>
    private async Task<Guid?> RespondentCustomerAsync(SubmitSurveyResponseCommand command, SurveyCampaign campaign, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking();
        switch (command.RespondentKind)
        {
            case RespondentKind.Customer:
                return await customers.VisibleTo(user, Access.Read).Where(c => c.Id == command.RespondentId)
                    .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            case RespondentKind.Contact:
                return await db.Contacts.AsNoTracking().VisibleTo(customers, user, Access.Read).Where(c => c.Id == command.RespondentId)
                    .Select(c => (Guid?)c.CustomerId).SingleOrDefaultAsync(cancellationToken);
            default:
                return campaign.ParticipantIds.Contains(command.RespondentId) ? Guid.Empty : null;
        }
    }
}
