using System.Diagnostics;
using System.Globalization;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using CrmFlow.Crm.Features.ValuePyramid.RunPyramid;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.Benchmarks.Volume;

/// <summary>
/// Issue 9's pyramid benchmark: 100,000 customers (95 % formal) of 200 reps and 2,000,000 ledger rows of every kind
/// over the last 14 months (skewed: a few customers carry most rows), then the real-time run of one model per
/// metric and revenue basis through the real <c>RunPyramidQuery</c> handler (first page of 100 customers), and one
/// rep's pyramid. Per model: one unmeasured run, then <see cref="Runs"/> measured ones (time, the process's peak
/// resident set during the run, the managed heap's sampled peak, bytes allocated). Target: ≤ 3 s and ≤ 500 MB.
/// </summary>
internal static class PyramidBenchmark
{
    private const int RepCount = 200;
    private const int CustomerCount = 100_000;
    private const int LedgerRows = 2_000_000;
    private const int HistoryDays = 425;
    private const int Runs = 3;

    private static readonly (string Kind, double Share)[] Kinds =
    [
        ("Order", 0.25), ("Delivery", 0.15), ("Invoice", 0.15), ("Receivable", 0.15), ("Receipt", 0.15), ("Expense", 0.075), ("Cost", 0.075),
    ];

    public static async Task RunAsync(BenchDatabase database)
    {
        await database.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var users = await CrmSeed.UsersAsync(database, RepCount + 1, now, i => [i < RepCount ? CrmRoles.SalesRep : CrmRoles.Administrator]);
        var reps = users[..RepCount];
        var customers = await CrmSeed.CustomersAsync(database, CustomerCount, now, i => reps[i % RepCount], i => i % 20 != 7, grantOwners: false);
        var customersSeeded = clock.Elapsed;
        await SeedLedgerAsync(database, customers, now);
        var seeded = clock.Elapsed;
        var settled = await database.SettleAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {RepCount} reps and {CustomerCount:N0} customers in {customersSeeded.TotalSeconds:0.0} s, {LedgerRows:N0} ledger rows in {(seeded - customersSeeded).TotalSeconds:0.0} s (+ {settled}: {(clock.Elapsed - seeded).TotalSeconds:0.0} s)"));

        database.User.Id = users[^1];
        database.User.Roles = [CrmRoles.Administrator];
        PyramidTierSpec[] shares = [new("A", 5m), new("B", 15m), new("C", 30m), new("D", 50m)];
        (string Name, PyramidModelSpec Spec, Guid? Owner)[] models =
        [
            ("Revenue, order basis", new("Revenue order", PyramidMetric.Revenue, RevenueBasis.Order, TierRuleKind.RankShare, shares), null),
            ("Revenue, delivery basis", new("Revenue delivery", PyramidMetric.Revenue, RevenueBasis.Delivery, TierRuleKind.RankShare, shares), null),
            ("Revenue, invoice basis", new("Revenue invoice", PyramidMetric.Revenue, RevenueBasis.Invoice, TierRuleKind.RankShare, shares), null),
            ("Revenue, receipt basis", new("Revenue receipt", PyramidMetric.Revenue, RevenueBasis.Receipt, TierRuleKind.RankShare, shares), null),
            ("Profit (invoice basis)", new("Profit", PyramidMetric.Profit, RevenueBasis.Invoice, TierRuleKind.RankShare, shares), null),
            ("Expense", new("Expense", PyramidMetric.Expense, RevenueBasis.Invoice, TierRuleKind.RankShare, shares), null),
            ("Arrears", new("Arrears", PyramidMetric.Arrears, RevenueBasis.Invoice, TierRuleKind.RankShare, shares), null),
            ("Loyalty (invoice basis)", new("Loyalty", PyramidMetric.Loyalty, RevenueBasis.Invoice, TierRuleKind.RankShare, shares,
                LoyaltyWeights: new LoyaltyWeights(0.3m, 0.7m)), null),
            ("Thresholds, revenue invoice basis", new("Thresholds", PyramidMetric.Revenue, RevenueBasis.Invoice, TierRuleKind.Threshold,
                [new("Gold", LowerBound: 2_000_000m), new("Silver", LowerBound: 500_000m), new("Bronze")]), null),
            ("One rep's pyramid (500 customers)", new("Rep revenue", PyramidMetric.Revenue, RevenueBasis.Invoice, TierRuleKind.RankShare, shares), reps[0]),
        ];

        Console.WriteLine($"load average before measuring: {Measure.LoadAverage()}; 1 warm-up + {Runs} measured runs per model");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, spec, owner) in models)
        {
            var created = await SendAsync(database, new CreatePyramidModelCommand(spec));
            var modelId = created.Value?.Id ?? throw new InvalidOperationException($"{name}: {created.Status} {created.Refusal?.Detail}");
            var query = new RunPyramidQuery(modelId, OwnerId: owner);
            await RunOnceAsync(database, query);
            var times = new List<double>();
            long peakResident = 0, peakManaged = 0, allocated = 0;
            PyramidRun? run = null;
            for (var i = 0; i < Runs; i++)
            {
                using var probe = MemoryProbe.Start();
                var start = Stopwatch.GetTimestamp();
                run = await RunOnceAsync(database, query);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                probe.Stop();
                peakResident = Math.Max(peakResident, probe.PeakResidentBytes);
                peakManaged = Math.Max(peakManaged, probe.PeakManagedBytes);
                allocated = Math.Max(allocated, probe.AllocatedBytes);
            }

            times.Sort();
            rows.Add([name, Measure.Ms(times[times.Count / 2]), Measure.Ms(times[^1]), Measure.Mb(peakResident), Measure.Mb(peakManaged),
                Measure.Mb(allocated), run!.CustomerCount.ToString("N0", CultureInfo.InvariantCulture),
                string.Join(" / ", run.Tiers.Select(t => t.CustomerCount.ToString(CultureInfo.InvariantCulture)))]);
        }

        Console.WriteLine($"load average after measuring: {Measure.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine($"Real-time pyramid run on {database.ProviderName} ({CustomerCount:N0} customers, {LedgerRows:N0} ledger rows; median and max of {Runs} runs)");
        Measure.PrintTable(
            ["model", "median ms", "max ms", "peak RSS MB", "peak managed MB", "allocated MB", "customers", "per tier"],
            rows);
    }

    private static async Task<PyramidRun> RunOnceAsync(BenchDatabase database, RunPyramidQuery query)
    {
        var result = await SendAsync(database, query);
        return result.Value ?? throw new InvalidOperationException($"run: {result.Status} {result.Refusal?.Detail}");
    }

    private static async Task<TResponse> SendAsync<TResponse>(BenchDatabase database, IQuery<TResponse> query)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private static async Task<TResponse> SendAsync<TResponse>(BenchDatabase database, ICommand<TResponse> command)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>Rows of every kind over the last <see cref="HistoryDays"/> days; customer i is picked with a skew (the first customers buy most).</summary>
    private static async Task SeedLedgerAsync(BenchDatabase database, Guid[] customers, DateTimeOffset now)
    {
        var random = new Random(11);
        var client = Guid.CreateVersion7();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var ledger = await BulkTable.OpenAsync(database, "LedgerEntries",
            "Id", "Amount", "ClientId", "CreatedAt", "Currency", "CustomerId", "Date", "ExternalId", "Kind", "OpportunityId", "Reference", "Revision", "UpdatedAt");
        for (var i = 0; i < LedgerRows; i++)
        {
            var r = random.NextDouble();
            var kind = Kinds[^1].Kind;
            foreach (var (k, share) in Kinds)
            {
                r -= share;
                if (r < 0)
                {
                    kind = k;
                    break;
                }
            }

            var customer = customers[(int)(CustomerCount * Math.Pow(random.NextDouble(), 2))];
            var amount = decimal.Round((decimal)(100 + (random.NextDouble() * 49_900)), 2);
            await ledger.AddAsync(Guid.CreateVersion7(), amount, client, now, "CNY", customer, today.AddDays(-random.Next(HistoryDays)),
                $"{kind[..3]}-{i:D8}", kind, null, null, 1, null);
        }

        await ledger.CompleteAsync();
    }
}
