using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Server.DemoData;

/// <summary>A demo questionnaire template and two competitor profiles, added with the demo customers.</summary>
internal static class MarketDemoData
{
    public static async Task AddAsync(CrmDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marketing = await db.Users.Where(u => u.UserName == "marketing").Select(u => (Guid?)u.Id)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (marketing is not { } authorId)
        {
            return;
        }

        db.QuestionnaireTemplates.Add(new QuestionnaireTemplate(
            Guid.CreateVersion7(),
            "客户满意度调查 Customer satisfaction",
            "Yearly satisfaction survey of customers' contacts.",
            [
                new Question("overall", "总体满意度 Overall satisfaction", QuestionKind.Rating, true, ScaleMax: 5),
                new Question("service", "服务响应 Service response", QuestionKind.SingleChoice, true, ["Fast", "Acceptable", "Slow"]),
                new Question("channels", "常用渠道 Channels used", QuestionKind.MultipleChoice, false, ["Phone", "E-mail", "Visit", "Web"]),
                new Question("budget", "明年预算（万元） Budget next year (10k CNY)", QuestionKind.Number, false, Min: 0),
                new Question("suggestions", "建议 Suggestions", QuestionKind.Text, false),
            ],
            authorId,
            now));

        foreach (var (name, strengths, strategy, assessments) in new (string, string, string, DimensionAssessment[])[]
        {
            ("Fabrikam Industrial", "Low prices, large sales force", "Undercuts on large tenders",
                [new("Price", 5, 3, null), new("Service", 2, 4, null), new("Technology", 3, 4, null)]),
            ("Litware Systems", "Strong brand in IT customers", "Bundles software with hardware",
                [new("Price", 2, 3, null), new("Service", 4, 4, null), new("Technology", 5, 4, null)]),
        })
        {
            var competitor = new Competitor(Guid.CreateVersion7(), authorId, now);
            competitor.Describe(name, null, null, null, strengths, null, strategy, null, [], assessments, now);
            db.Competitors.Add(competitor);
        }
    }
}
