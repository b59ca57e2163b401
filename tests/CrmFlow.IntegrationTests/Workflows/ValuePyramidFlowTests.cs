using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>
/// The repository's <c>value-pyramid-monthly</c> cron flow and the <c>tier-drop-care-call</c> flow started by its
/// event, imported and run by the real host with a fake clock moved over two month starts.
/// </summary>
public abstract class ValuePyramidFlowTests(WorkflowDatabase db)
{
    private const string MonthlyFlow = "value-pyramid-monthly";
    private const string CareCallFlow = "tier-drop-care-call";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_monthly_snapshots_publish_tier_changed_events_that_start_the_care_call_flow()
    {
        foreach (var flow in new[] { MonthlyFlow, CareCallFlow })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", flow + ".json"), Path.Combine(db.WorkflowsDirectory, flow + ".json"), overwrite: true);
        }

        var host = db.Host; // clock at 2026-11-26 12:00 UTC: demo data seeded, flows imported, cron armed for 2026-12-01
        var (modelId, x, y, z) = await ArrangeAsync(host);

        db.Clock.Advance(new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero) - db.Clock.GetUtcNow());
        await WorkflowDatabase.EventuallyAsync(async () => Nudge() && await CountAsync(host, MonthlyFlow) == 1, "the December run should finish");
        Assert.Equal([new DateOnly(2026, 12, 1)], await SnapshotsAsync(host, modelId));
        Assert.Equal(0, await CountAsync(host, CareCallFlow, finishedOnly: false)); // nothing to compare with yet

        // December: X's November order is mostly cancelled (Gold → Silver), Z buys a lot (Bronze → Gold), Y is unchanged.
        await WithDbAsync(host, async crm =>
        {
            crm.LedgerEntries.Add(Order(x, new DateOnly(2026, 12, 5), -1200m, "x-credit"));
            crm.LedgerEntries.Add(Order(z, new DateOnly(2026, 12, 6), 2000m, "z-order"));
            await crm.SaveChangesAsync(Ct);
        });
        db.Clock.Advance(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero) - db.Clock.GetUtcNow());
        await WorkflowDatabase.EventuallyAsync(async () => Nudge() && await CountAsync(host, MonthlyFlow, finishedOnly: false) == 2, "the January run should start");
        await WorkflowDatabase.EventuallyAsync(async () => await CountAsync(host, MonthlyFlow) == 2, "the January run should finish: " + await DescribeAsync(host, MonthlyFlow), seconds: 10);
        await WorkflowDatabase.EventuallyAsync(async () => await CountAsync(host, CareCallFlow) == 2, "a care-call flow per moved customer");

        Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1)], await SnapshotsAsync(host, modelId));
        var tiers = await WithDbAsync(host, crm => crm.PyramidSnapshotEntries.AsNoTracking()
            .Where(e => crm.PyramidSnapshots.Any(s => s.Id == e.SnapshotId && s.ModelId == modelId) && (e.CustomerId == x || e.CustomerId == y || e.CustomerId == z))
            .Join(crm.PyramidSnapshots, e => e.SnapshotId, s => s.Id, (e, s) => new { e.CustomerId, s.PeriodTo, e.Tier })
            .ToListAsync(Ct));
        Assert.Equal(["Gold", "Silver"], tiers.Where(t => t.CustomerId == x).OrderBy(t => t.PeriodTo).Select(t => t.Tier));
        Assert.Equal(["Silver", "Silver"], tiers.Where(t => t.CustomerId == y).OrderBy(t => t.PeriodTo).Select(t => t.Tier));
        Assert.Equal(["Bronze", "Gold"], tiers.Where(t => t.CustomerId == z).OrderBy(t => t.PeriodTo).Select(t => t.Tier));

        // One event per moved customer, correlated by customer id; only the drop leads to a care call.
        var started = await ListAsync(host, CareCallFlow);
        Assert.Equal(new[] { x.ToString(), z.ToString() }.Order(StringComparer.Ordinal), started.Select(i => i.CorrelationId).Order(StringComparer.Ordinal));
        Assert.All(started, i => Assert.Equal(WorkflowSubStatus.Finished, i.SubStatus));
        var careCalls = await WorkflowDatabase.WithScopeAsync(host, async sp =>
        {
            var store = sp.GetRequiredService<IWorkflowInstanceStore>();
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var instance in started)
            {
                result[instance.CorrelationId!] = (await store.ListActivityExecutionsAsync(instance.Id, "CareCall", Ct)).Count(e => e.Status == ActivityStatus.Completed);
            }

            return result;
        });
        Assert.Equal(1, careCalls[x.ToString()]);
        Assert.Equal(0, careCalls[z.ToString()]);
    }

    /// <summary>
    /// Moves the fake clock on by a second while polling: the host's timer loop may have begun its poll wait on the fake
    /// clock just after a test advanced it, and then wakes only when the clock moves again.
    /// </summary>
    private bool Nudge()
    {
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        return true;
    }

    /// <summary>Leaves one active threshold model (the demo models are deactivated) and customers X (Gold), Y (Silver), Z (no orders).</summary>
    private async Task<(Guid Model, Guid X, Guid Y, Guid Z)> ArrangeAsync(WebApplicationFactory<Program> host)
    {
        var model = await WorkflowDatabase.WithScopeAsync(host, async sp =>
        {
            var crm = sp.GetRequiredService<CrmDbContext>();
            foreach (var demo in await crm.PyramidModels.ToListAsync(Ct))
            {
                demo.Apply(demo.Spec with { IsActive = false }, db.Clock.GetUtcNow());
            }

            await crm.SaveChangesAsync(Ct);
            var created = await sp.GetRequiredService<ISender>().Send(new CreatePyramidModelCommand(new PyramidModelSpec(
                "Flow test thresholds", PyramidMetric.Revenue, RevenueBasis.Order, TierRuleKind.Threshold,
                [new("Gold", LowerBound: 1000m), new("Silver", LowerBound: 100m), new("Bronze")])), Ct);
            return created.Value!.Id;
        });

        return await WithDbAsync(host, async crm =>
        {
            var creator = await crm.Users.OrderBy(u => u.UserName).Select(u => u.Id).FirstAsync(Ct);
            var now = db.Clock.GetUtcNow();
            var customers = new[] { "FX", "FY", "FZ" }
                .Select(code => new Customer(Guid.CreateVersion7(), code, "Flow " + code, CustomerKind.Formal, null, null, creator, now))
                .ToArray();
            crm.Customers.AddRange(customers);
            crm.LedgerEntries.Add(Order(customers[0].Id, new DateOnly(2026, 11, 10), 1500m, "x-order"));
            crm.LedgerEntries.Add(Order(customers[1].Id, new DateOnly(2026, 11, 10), 500m, "y-order"));
            await crm.SaveChangesAsync(Ct);
            return (model, customers[0].Id, customers[1].Id, customers[2].Id);
        });
    }

    private static LedgerEntry Order(Guid customer, DateOnly date, decimal amount, string externalId) =>
        new(Guid.CreateVersion7(), Guid.Empty, LedgerKind.Order, externalId, new LedgerContent(customer, null, date, amount, "CNY", null), DateTimeOffset.UnixEpoch);

    private static Task<T> WithDbAsync<T>(WebApplicationFactory<Program> host, Func<CrmDbContext, Task<T>> action) =>
        WorkflowDatabase.WithScopeAsync(host, sp => action(sp.GetRequiredService<CrmDbContext>()));

    private static Task<bool> WithDbAsync(WebApplicationFactory<Program> host, Func<CrmDbContext, Task> action) =>
        WithDbAsync(host, async crm =>
        {
            await action(crm);
            return true;
        });

    private static Task<List<DateOnly>> SnapshotsAsync(WebApplicationFactory<Program> host, Guid modelId) =>
        WithDbAsync(host, crm => crm.PyramidSnapshots.AsNoTracking().Where(s => s.ModelId == modelId).OrderBy(s => s.PeriodTo).Select(s => s.PeriodTo).ToListAsync(Ct));

    private static async Task<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WebApplicationFactory<Program> host, string definitionId) =>
        (await WorkflowDatabase.WithScopeAsync(host, sp => sp.GetRequiredService<IWorkflowInstanceStore>()
            .ListAsync(new WorkflowInstanceFilter { DefinitionId = definitionId }, null, Ct).AsTask())).Items;

    private static async Task<string> DescribeAsync(WebApplicationFactory<Program> host, string definitionId)
    {
        var instances = await ListAsync(host, definitionId);
        return await WorkflowDatabase.WithScopeAsync(host, async sp =>
        {
            var store = sp.GetRequiredService<IWorkflowInstanceStore>();
            var lines = new List<string>();
            foreach (var i in instances)
            {
                var incidents = await store.ListIncidentsAsync(i.Id, Ct);
                lines.Add($"{i.Id} {i.SubStatus} {string.Join(" | ", incidents.Select(n => n.Message))}");
            }

            return string.Join("; ", lines);
        });
    }

    private static async Task<int> CountAsync(WebApplicationFactory<Program> host, string definitionId, bool finishedOnly = true) =>
        (await ListAsync(host, definitionId)).Count(i => !finishedOnly || i.SubStatus == WorkflowSubStatus.Finished);
}

public sealed class ValuePyramidFlowTests_Sqlite(SqliteWorkflowDatabase db) : ValuePyramidFlowTests(db), IClassFixture<SqliteWorkflowDatabase>;

public sealed class ValuePyramidFlowTests_PostgreSql(PostgreSqlWorkflowDatabase db) : ValuePyramidFlowTests(db), IClassFixture<PostgreSqlWorkflowDatabase>;
