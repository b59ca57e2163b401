using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using FluentValidation.Results;

namespace CrmFlow.Crm.Features.Surveys;

/// <summary>Rules shared by the survey use cases.</summary>
internal static class SurveyRules
{
    /// <summary>A version is in use once a campaign on it left draft, or a response on it exists.</summary>
    public static IQueryable<Guid> VersionsInUse(CrmDbContext db) =>
        db.SurveyCampaigns.Where(c => c.Status != SurveyCampaignStatus.Draft || db.SurveyResponses.Any(r => r.CampaignId == c.Id))
            .Select(c => c.TemplateVersionId);

    /// <summary>Adds the question-list rules to a validator (400 naming <c>questions[i].field</c>).</summary>
    public static void Questions<T>(AbstractValidator<T> validator, Func<T, IReadOnlyList<Question>?> questions) =>
        validator.RuleFor(x => x).Custom((x, context) =>
        {
            foreach (var error in Questionnaire.ValidateQuestions(questions(x)))
            {
                context.AddFailure(new ValidationFailure(error.Field, error.Message) { ErrorCode = error.Code });
            }
        });

    /// <summary>Domain errors as a validation failure (400 ValidationProblemDetails) for rules only a handler can check.</summary>
    public static ValidationException Invalid(IEnumerable<DomainError> errors) =>
        new(errors.Select(e => new ValidationFailure(e.Field, e.Message) { ErrorCode = e.Code }));
}
