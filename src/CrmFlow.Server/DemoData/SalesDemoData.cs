using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Sales;

namespace CrmFlow.Server.DemoData;

/// <summary>
/// Sales demo data: two sales modes with gated stages, open intents with touches (on prospects and customers),
/// opportunities spread over the stages of the standard mode, and a company quota for the current month whose
/// funnel shows green, yellow and red stages.
/// </summary>
internal static class SalesDemoData
{
    public const string StandardMode = "STD";
    public const string ProjectMode = "PRJ";

    /// <summary>(name, months, win probability, conversion, gates) of the standard product sale.</summary>
    private static readonly (string Name, decimal Months, decimal Probability, decimal Conversion, string[] Gates)[] StandardStages =
    [
        ("初步接触 Initial contact", 0.5m, 0.10m, 0.6m, []),
        ("需求确认 Needs analysis", 1m, 0.25m, 0.7m, []),
        ("方案建议 Proposal", 1m, 0.50m, 0.7m, [StageGates.ActivityCompleted]),
        ("商务谈判 Negotiation", 0.5m, 0.75m, 0.8m, [StageGates.QuoteExists]),
        ("签约 Closing", 0.5m, 0.90m, 0.9m, [StageGates.ExpectedAmountSet]),
    ];

    private static readonly (string Name, decimal Months, decimal Probability, decimal Conversion, string[] Gates)[] ProjectStages =
    [
        ("立项 Qualification", 1m, 0.10m, 0.5m, []),
        ("招投标 Tender", 2m, 0.40m, 0.5m, [StageGates.QuoteExists]),
        ("合同 Contract", 1m, 0.80m, 0.8m, [StageGates.ExpectedAmountSet]),
    ];

    /// <summary>(customer, stage index, amount) of the demo opportunities of the standard mode.</summary>
    private static readonly (string Customer, int Stage, decimal Amount)[] Opportunities =
    [
        ("C001", 0, 120_000m), ("C002", 0, 80_000m), ("C003", 0, 95_000m), ("C004", 0, 60_000m),
        ("C005", 1, 150_000m), ("C007", 1, 50_000m),
        ("C001", 2, 110_000m),
        ("C003", 3, 90_000m), ("C009", 3, 130_000m),
    ];

    public static void Seed(CrmDbContext db, IReadOnlyDictionary<string, Customer> customers, Guid adminId, Guid salesId, DateTimeOffset now)
    {
        var standard = NewMode(StandardMode, "标准产品销售 Standard product sale", StandardStages);
        var project = NewMode(ProjectMode, "项目销售 Project sale", ProjectStages);
        db.SalesModes.AddRange(standard, project);

        var intents = new (string Customer, string Product, string Source, string Description)[]
        {
            ("P001", "ERP 云订阅 ERP cloud subscription", "2026 春季展会 Spring fair", "Asked for a price list for 50 seats."),
            ("P002", "Data warehouse", "Webinar: analytics for banks", "Wants a proof of concept next quarter."),
            ("C001", "MES 升级 MES upgrade", "Customer visit", "Plant manager mentioned the old MES is out of support."),
        };
        var i = 0;
        foreach (var (code, product, source, description) in intents)
        {
            var intent = new Intent(Guid.CreateVersion7(), customers[code].Id, product, source, description, salesId, now.AddDays(-20 + i));
            intent.AddTouch(Guid.CreateVersion7(), null, "phone", "First call: interest confirmed, budget unclear.", now.AddDays(-18 + i));
            intent.AddTouch(Guid.CreateVersion7(), null, "email", "Sent brochure and reference list.", now.AddDays(-15 + i));
            db.Intents.Add(intent);
            i++;
        }

        var stages = standard.OrderedStages;
        var n = 0;
        foreach (var (code, stage, amount) in Opportunities)
        {
            var customer = customers[code];
            var opportunity = new Opportunity(
                Guid.CreateVersion7(), $"{customer.Name.Split(' ')[0]} — {stages[stage].Name.Split(' ')[0]} #{n + 1}", customer.Id, standard.Id,
                stages[stage].Id, customer.OwnerId ?? salesId, "ERP", amount,
                DateOnly.FromDateTime(now.AddMonths(1 + (n % 4)).UtcDateTime), null, salesId, now.AddDays(-40 + n));
            db.Opportunities.Add(opportunity);
            n++;
        }

        // Company quota for this month: 1.2 M a year, deals of 100 k, standard stage durations and conversions.
        var plan = QuotaCalculator.Compute(new QuotaInput(
            SalesTarget.Annual(1_200_000m), 100_000m,
            [.. stages.Select(s => new QuotaStageInput(s.Name, s.AverageMonths, s.Conversion))])).Value;
        var quota = new SalesQuota(Guid.CreateVersion7(), QuotaScope.Company, null, standard.Id, DateOnly.FromDateTime(now.UtcDateTime),
            plan.MonthlyTarget, plan.AverageDealSize, plan.NewCustomersPerMonth, adminId, now);
        for (var s = 0; s < stages.Count; s++)
        {
            quota.SetStage(stages[s].Id, plan.Stages[s].IdealCount, plan.Stages[s].IdealAmount);
        }

        db.SalesQuotas.Add(quota);
    }

    private static SalesMode NewMode(
        string code, string name, (string Name, decimal Months, decimal Probability, decimal Conversion, string[] Gates)[] stages)
    {
        var mode = new SalesMode(Guid.CreateVersion7(), code, name);
        foreach (var (stageName, months, probability, conversion, gates) in stages)
        {
            mode.AddStage(Guid.CreateVersion7(), stageName, months, probability, conversion, gates);
        }

        return mode;
    }
}
