using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.SetQuestionnaireTemplateEnabled;

/// <summary>Enables or disables a template: only enabled templates can start new campaigns (running ones go on).</summary>
public sealed record SetQuestionnaireTemplateEnabledCommand(Guid Id, bool Enabled) : ICommand<Result<Done>>;

/// <summary>Body of <c>PUT /api/questionnaire-templates/{id}/enabled</c>.</summary>
public sealed record SetEnabledRequest(bool Enabled);

internal sealed class SetQuestionnaireTemplateEnabledHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<SetQuestionnaireTemplateEnabledCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(SetQuestionnaireTemplateEnabledCommand command, CancellationToken cancellationToken)
    {
        var template = await db.QuestionnaireTemplates.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken);
        if (template is null)
        {
            return Result<Done>.NotFound();
        }

        template.SetEnabled(command.Enabled, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
