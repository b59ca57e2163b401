using System.Diagnostics;
using System.Globalization;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Inbox.ListTasks;
using CrmFlow.Workflows.Persistence;
using CrmFlow.Workflows.Persistence.Stores;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.Benchmarks.Volume;

/// <summary>
/// Issue 7's inbox benchmark: 100,000 open tasks (plus 20,000 finished ones) across 1,000 users — direct assignees,
/// candidate users and candidate roles, a fifth overdue, six processes, 5,000 customers — then every list the inbox
/// asks for through the real <c>ListTasksQuery</c> handler (the page, its total and the tab counts, as
/// <c>GET /api/tasks</c> runs it), and the tab counts alone. Each query rotates over many callers. Target: p95 ≤ 20 ms.
/// </summary>
internal static class InboxBenchmark
{
    private const int UserCount = 1_000;
    private const int SupervisorCount = 10;
    private const int CustomerCount = 5_000;
    private const int OpenTasks = 100_000;
    private const int FinishedTasks = 20_000;

    private static readonly (string Role, double Share)[] Roles =
    [
        (CrmRoles.SalesRep, 0.50), (CrmRoles.ComplaintHandler, 0.25), (CrmRoles.SalesManager, 0.10),
        (CrmRoles.Marketing, 0.10), (CrmRoles.SalesDirector, 0.05),
    ];

    private static readonly (string Id, string Name, double Share)[] Processes =
    [
        ("complaint-handling", "Complaint handling", 0.35), ("intent-promotion", "Intent promotion", 0.20),
        ("stage-advancement", "Stage advancement", 0.20), ("quote-approval", "Quote approval", 0.10),
        ("survey-campaign", "Survey campaign", 0.10), ("pyramid-review", "Pyramid review", 0.05),
    ];

    private static readonly int[] Priorities = [10, 30, 50, 50, 50, 70, 90];

    public static async Task RunAsync(BenchDatabase database)
    {
        await database.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var world = await SeedAsync(database, now);
        var seeded = clock.Elapsed;
        var settled = await database.SettleAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {UserCount:N0} users, {CustomerCount:N0} customers, {OpenTasks:N0} open + {FinishedTasks:N0} finished tasks, {world.Candidates:N0} candidate rows in {seeded.TotalSeconds:0.0} s (+ {settled}: {(clock.Elapsed - seeded).TotalSeconds:0.0} s)"));

        var iterations = int.TryParse(Environment.GetEnvironmentVariable("CRMFLOW_BENCH_ITERATIONS"), out var n) ? n : 200;
        var warmup = Math.Max(10, iterations / 10);
        var regular = world.Users.Skip(SupervisorCount).ToArray();
        var salesReps = regular.Where(u => world.RolesOf[u].Contains(CrmRoles.SalesRep)).ToArray();
        var supervisors = world.Users.Take(SupervisorCount).ToArray();
        var process = Processes[1].Id;

        (string Name, Guid[] Callers, ListTasksQuery Query)[] lists =
        [
            ("Mine, by due (page 1)", regular, new ListTasksQuery(UserTaskScope.Mine)),
            ("Mine, by priority (page 1)", regular, new ListTasksQuery(UserTaskScope.Mine, Sort: UserTaskSort.Priority)),
            ("MyGroups, by due (page 1)", regular, new ListTasksQuery(UserTaskScope.MyGroups)),
            ("MyGroups, by priority (page 1)", regular, new ListTasksQuery(UserTaskScope.MyGroups, Sort: UserTaskSort.Priority)),
            ("MyGroups (sales rep), by due (page 100)", salesReps, new ListTasksQuery(UserTaskScope.MyGroups, Page: 100)),
            ("MyGroups, overdue, by due (page 1)", regular, new ListTasksQuery(UserTaskScope.MyGroups, Overdue: true)),
            ("History (page 1)", regular, new ListTasksQuery(UserTaskScope.History)),
            ("All open, by due (page 1)", supervisors, new ListTasksQuery(UserTaskScope.All)),
            ("All, status Open, by priority (page 1)", supervisors, new ListTasksQuery(UserTaskScope.All, UserTaskStatus.Open, Sort: UserTaskSort.Priority)),
            ("All, overdue, by due (page 1)", supervisors, new ListTasksQuery(UserTaskScope.All, Overdue: true)),
            ("All, one process, by due (page 1)", supervisors, new ListTasksQuery(UserTaskScope.All, Process: process)),
            ("All, one process + overdue, by priority (page 1)", supervisors, new ListTasksQuery(UserTaskScope.All, Overdue: true, Process: process, Sort: UserTaskSort.Priority)),
            ("All open, by due (page 50)", supervisors, new ListTasksQuery(UserTaskScope.All, Page: 50)),
            ("All open, by due (page 2500, rows 49,981-50,000)", supervisors, new ListTasksQuery(UserTaskScope.All, Page: 2500)),
        ];

        var totals = new Dictionary<string, string>();
        var calls = new List<(string Name, Func<int, Task> Call)>();
        foreach (var (name, callers, query) in lists)
        {
            calls.Add((name, async i =>
            {
                var caller = callers[i % callers.Length];
                database.User.Id = caller;
                database.User.Roles = world.RolesOf[caller];
                await using var scope = database.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
                totals[name] = (result.Value?.Total ?? throw new InvalidOperationException($"{name}: {result.Status} {result.Refusal?.Detail}"))
                    .ToString("N0", CultureInfo.InvariantCulture);
            }));
        }

        foreach (var (name, callers) in new[] { ("Tab counts only (user)", regular), ("Tab counts only (supervisor)", supervisors) })
        {
            totals[name] = "-";
            calls.Add((name, async i =>
            {
                var caller = callers[i % callers.Length];
                await using var scope = database.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IUserTaskStore>().CountAsync(caller.ToString(), world.RolesOf[caller], DateTimeOffset.UtcNow);
            }));
        }

        // Every query warms up before any is measured: the first ones in the list were otherwise measured while the
        // runtime was still recompiling the shared code paths (handler, access checks, EF Core) at full optimisation.
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CRMFLOW_BENCH_WARMUP_ROUNDS"), out var r) ? r : 3;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (_, call) in calls)
            {
                for (var i = 0; i < warmup; i++)
                {
                    await call(i);
                }
            }
        }

        Console.WriteLine($"load average before measuring: {Measure.LoadAverage()}; {rounds} rounds of {warmup} warm-up calls of every query, then {warmup} warm-up + {iterations} measured calls per query");
        var results = new List<(Latency Latency, string Total)>();
        foreach (var (name, call) in calls)
        {
            var latency = await Measure.LatencyAsync(name, warmup, iterations, call);
            results.Add((latency, totals[name]));
        }

        Console.WriteLine($"load average after measuring: {Measure.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine($"Inbox on {database.ProviderName} ({OpenTasks:N0} open tasks, {UserCount:N0} users; ms per call of the handler, page size 20)");
        Measure.PrintTable(
            ["query", "p50", "p95", "p99", "max", "total rows (last caller)"],
            results.Select(r => (IReadOnlyList<string>)[r.Latency.Name, Measure.Ms(r.Latency.P50), Measure.Ms(r.Latency.P95), Measure.Ms(r.Latency.P99), Measure.Ms(r.Latency.Max), r.Total]));
    }

    private sealed record World(Guid[] Users, Dictionary<Guid, string[]> RolesOf, long Candidates);

    private static async Task<World> SeedAsync(BenchDatabase database, DateTimeOffset now)
    {
        var random = new Random(7);
        var roleOf = Enumerable.Range(0, UserCount).Select(i => i < SupervisorCount
            ? new[] { CrmRoles.ComplaintSupervisor, CrmRoles.ComplaintHandler }
            : [Pick(random, Roles, r => r.Share).Role]).ToArray();
        var users = await CrmSeed.UsersAsync(database, UserCount, now, i => roleOf[i]);
        var customers = await CrmSeed.CustomersAsync(database, CustomerCount, now, i => users[i % UserCount], _ => true, grantOwners: true);
        var rolesOf = users.Select((u, i) => (u, roleOf[i])).ToDictionary(x => x.u, x => x.Item2);

        await using var tasks = await BulkTable.OpenAsync(database, "UserTasks",
            "Id", "WorkflowInstanceId", "DefinitionId", "ProcessName", "ActivityId", "Title", "Status", "IsOpen", "Assignee", "SubjectId", "Reference",
            "Priority", "DueAt", "FollowUpAt", "EscalatedAt", "CreatedAt", "ClaimedAt", "CompletedAt", "CompletedBy", "Outcome", "Spec", "Result", "Revision");
        var candidates = new List<(string TaskId, string Value, DateTimeOffset? DueAt, int Priority)>(OpenTasks);
        UserTaskField[] form =
        [
            new() { Name = "resolution", Label = "Resolution", Type = UserTaskFieldType.Multiline, Required = true },
            new() { Name = "satisfied", Label = "Customer satisfied", Type = UserTaskFieldType.Boolean },
        ];
        for (var i = 0; i < OpenTasks + FinishedTasks; i++)
        {
            var finished = i >= OpenTasks;
            var (definitionId, processName, _) = Pick(random, Processes, p => p.Share);
            var kind = random.NextDouble();
            var assigneeIndex = random.Next(UserCount);
            string? assignee = finished || kind < 0.45 ? users[assigneeIndex].ToString() : null;
            string[] candidateUsers = !finished && kind is >= 0.45 and < 0.70
                ? [.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => users[random.Next(UserCount)].ToString()).Distinct()]
                : [];
            string[] candidateRoles = !finished && kind >= 0.70
                ? [.. Enumerable.Range(0, random.NextDouble() < 0.8 ? 1 : 2).Select(_ => Pick(random, Roles, r => r.Share).Role).Distinct()]
                : [];
            var due = random.NextDouble() switch
            {
                < 0.20 => now - TimeSpan.FromMinutes(random.Next(60, 30 * 24 * 60)),
                < 0.90 => now + TimeSpan.FromMinutes(random.Next(60, 30 * 24 * 60)),
                _ => (DateTimeOffset?)null,
            };
            var created = (due ?? now) - TimeSpan.FromMinutes(random.Next(60, 60 * 24 * 60));
            var subjectIndex = assignee is not null && random.NextDouble() < 0.8
                ? assigneeIndex + (UserCount * random.Next(CustomerCount / UserCount))
                : random.Next(CustomerCount);
            var subject = customers[subjectIndex];
            var id = Guid.CreateVersion7().ToString("N");
            var spec = new UserTaskSpec
            {
                Title = $"{processName}: Customer {subjectIndex:D7}",
                Description = "Review the case and record the outcome.",
                Assignee = assignee,
                CandidateUsers = candidateUsers,
                CandidateRoles = candidateRoles,
                DueAt = due,
                Priority = Priorities[random.Next(Priorities.Length)],
                SubjectId = subject.ToString(),
                Reference = $"REF-{i:D6}",
                Form = form,
                Outcomes = ["Resolved", "Escalate"],
            };
            var completedAt = finished ? now - TimeSpan.FromMinutes(random.Next(1, 90 * 24 * 60)) : (DateTimeOffset?)null;
            await tasks.AddAsync(id, Guid.CreateVersion7().ToString("N"), definitionId, processName, "task1", spec.Title,
                finished ? "Completed" : assignee is null ? "Open" : "Assigned", !finished, assignee, spec.SubjectId, spec.Reference,
                spec.Priority, due, null, null, created, assignee is null ? null : created, completedAt, finished ? assignee : null,
                finished ? "Resolved" : null, spec.ToJson().ToJsonString(), finished ? "{\"resolution\":\"Done\"}" : null, 1L);
            candidates.AddRange(candidateUsers.Select(u => "u:" + u).Concat(candidateRoles.Select(r => "r:" + r)).Select(value => (id, value, due, spec.Priority)));
        }

        await tasks.CompleteAsync();
        await using var candidateRows = await BulkTable.OpenAsync(database, "UserTaskCandidates", "TaskId", "Value", "Claimable", "DueAt", "Priority");
        foreach (var (taskId, value, due, priority) in candidates)
        {
            // Only unclaimed open tasks have candidates in this seed: every row is claimable.
            await candidateRows.AddAsync(taskId, value, true, due, priority);
        }

        await candidateRows.CompleteAsync();

        // The tasks went in around the store: the open-task tallies are counted from them.
        var scope = database.Services.CreateAsyncScope();
        await using (scope)
        {
            await UserTaskTally.RecountAsync(scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>(), CancellationToken.None);
        }

        return new World(users, rolesOf, candidates.Count);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> weighted, Func<T, double> share)
    {
        var r = random.NextDouble();
        foreach (var item in weighted)
        {
            r -= share(item);
            if (r < 0)
            {
                return item;
            }
        }

        return weighted[^1];
    }
}
