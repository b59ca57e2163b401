using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.CreateQuestionnaireTemplate;

/// <summary>Creates an enabled questionnaire template with version 1 of its questions.</summary>
public sealed record CreateQuestionnaireTemplateCommand(string Name, string? Description, IReadOnlyList<Question> Questions)
    : ICommand<Result<QuestionnaireTemplateCreated>>;

public sealed record QuestionnaireTemplateCreated(Guid Id, Guid VersionId, int Version);

internal sealed class CreateQuestionnaireTemplateValidator : AbstractValidator<CreateQuestionnaireTemplateCommand>
{
    public CreateQuestionnaireTemplateValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(2000);
        SurveyRules.Questions(this, c => c.Questions);
    }
}

internal sealed class CreateQuestionnaireTemplateHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreateQuestionnaireTemplateCommand, Result<QuestionnaireTemplateCreated>>
{
    public async ValueTask<Result<QuestionnaireTemplateCreated>> Handle(CreateQuestionnaireTemplateCommand command, CancellationToken cancellationToken)
    {
        if (!user.IsUser)
        {
            return Result<QuestionnaireTemplateCreated>.Forbidden("users_only", "Only a signed-in user can design questionnaires.");
        }

        var template = new QuestionnaireTemplate(
            Guid.CreateVersion7(), command.Name, command.Description, command.Questions, user.Id!.Value, time.GetUtcNow());
        db.QuestionnaireTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        var version = template.LatestVersion;
        return Result<QuestionnaireTemplateCreated>.Ok(new(template.Id, version.Id, version.Number));
    }
}
