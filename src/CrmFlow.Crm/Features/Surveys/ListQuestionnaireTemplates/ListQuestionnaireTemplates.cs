using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.ListQuestionnaireTemplates;

/// <summary>The templates, by name; <paramref name="EnabledOnly"/> for choosing one for a campaign.</summary>
public sealed record ListQuestionnaireTemplatesQuery(bool EnabledOnly = false) : IQuery<IReadOnlyList<QuestionnaireTemplateListItem>>;

public sealed record QuestionnaireTemplateListItem(
    Guid Id, string Name, string? Description, bool IsEnabled, int LatestVersion, Guid LatestVersionId, int QuestionCount, DateTimeOffset UpdatedAt);

internal sealed class ListQuestionnaireTemplatesHandler(CrmDbContext db)
    : IQueryHandler<ListQuestionnaireTemplatesQuery, IReadOnlyList<QuestionnaireTemplateListItem>>
{
    public async ValueTask<IReadOnlyList<QuestionnaireTemplateListItem>> Handle(ListQuestionnaireTemplatesQuery query, CancellationToken cancellationToken)
    {
        var templates = await db.QuestionnaireTemplates.AsNoTracking()
            .Where(t => !query.EnabledOnly || t.IsEnabled)
            .OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Description,
                t.IsEnabled,
                t.UpdatedAt,
                Latest = t.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number, v.QuestionsJson }).First(),
            })
            .ToListAsync(cancellationToken);
        return [.. templates.Select(t => new QuestionnaireTemplateListItem(
            t.Id, t.Name, t.Description, t.IsEnabled, t.Latest.Number, t.Latest.Id,
            Domain.Market.Questionnaire.Deserialize<List<Domain.Market.Question>>(t.Latest.QuestionsJson).Count, t.UpdatedAt))];
    }
}
