using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.UpdateQuestionnaireTemplate;

/// <summary>
/// Renames a template and replaces its questions. While the latest version is unused the questions change in
/// place; once it is in use (a campaign opened on it, or responses) the change becomes a new version, so earlier
/// answers keep the questions they answered.
/// </summary>
public sealed record UpdateQuestionnaireTemplateCommand(Guid Id, string Name, string? Description, IReadOnlyList<Question> Questions)
    : ICommand<Result<QuestionnaireTemplateUpdated>>;

/// <summary><c>VersionCreated</c>: True when the change was stored as a new version.</summary>
public sealed record QuestionnaireTemplateUpdated(Guid VersionId, int Version, bool VersionCreated);

internal sealed class UpdateQuestionnaireTemplateValidator : AbstractValidator<UpdateQuestionnaireTemplateCommand>
{
    public UpdateQuestionnaireTemplateValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(2000);
        SurveyRules.Questions(this, c => c.Questions);
    }
}

internal sealed class UpdateQuestionnaireTemplateHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<UpdateQuestionnaireTemplateCommand, Result<QuestionnaireTemplateUpdated>>
{
    public async ValueTask<Result<QuestionnaireTemplateUpdated>> Handle(UpdateQuestionnaireTemplateCommand command, CancellationToken cancellationToken)
    {
        var template = await db.QuestionnaireTemplates.Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken);
        if (template is null)
        {
            return Result<QuestionnaireTemplateUpdated>.NotFound();
        }

        var latestId = template.LatestVersion.Id;
        var inUse = await SurveyRules.VersionsInUse(db).AnyAsync(v => v == latestId, cancellationToken);
        var now = time.GetUtcNow();
        template.Describe(command.Name, command.Description, now);
        var (version, created) = template.ChangeQuestions(command.Questions, inUse, now);
        await db.SaveChangesAsync(cancellationToken);
        return Result<QuestionnaireTemplateUpdated>.Ok(new(version.Id, version.Number, created));
    }
}
