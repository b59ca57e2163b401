using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.GetQuestionnaireTemplate;

/// <summary>One template with every version's questions, newest first.</summary>
public sealed record GetQuestionnaireTemplateQuery(Guid Id) : IQuery<Result<QuestionnaireTemplateDetails>>;

public sealed record QuestionnaireTemplateDetails(
    Guid Id,
    string Name,
    string? Description,
    bool IsEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<QuestionnaireVersionDetails> Versions);

/// <summary><c>InUse</c>: Campaigns opened on it or responses exist: question changes will create a new version.</summary>
public sealed record QuestionnaireVersionDetails(Guid Id, int Number, DateTimeOffset CreatedAt, bool InUse, IReadOnlyList<Question> Questions);

internal sealed class GetQuestionnaireTemplateHandler(CrmDbContext db)
    : IQueryHandler<GetQuestionnaireTemplateQuery, Result<QuestionnaireTemplateDetails>>
{
    public async ValueTask<Result<QuestionnaireTemplateDetails>> Handle(GetQuestionnaireTemplateQuery query, CancellationToken cancellationToken)
    {
        var template = await db.QuestionnaireTemplates.AsNoTracking().Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == query.Id, cancellationToken);
        if (template is null)
        {
            return Result<QuestionnaireTemplateDetails>.NotFound();
        }

        var versionIds = template.Versions.Select(v => v.Id).ToList();
        var inUse = await SurveyRules.VersionsInUse(db).Where(v => versionIds.Contains(v)).Distinct().ToListAsync(cancellationToken);
        return Result<QuestionnaireTemplateDetails>.Ok(new(
            template.Id,
            template.Name,
            template.Description,
            template.IsEnabled,
            template.CreatedAt,
            template.UpdatedAt,
            [.. template.Versions.OrderByDescending(v => v.Number)
                .Select(v => new QuestionnaireVersionDetails(v.Id, v.Number, v.CreatedAt, inUse.Contains(v.Id), v.Questions))]));
    }
}
