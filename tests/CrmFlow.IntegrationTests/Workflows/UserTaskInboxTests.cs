using System.Globalization;
using System.Text.Json;
using CrmFlow.Workflows.Persistence;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Stores;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>
/// The inbox store through the real runtime: tasks created, claimed, unclaimed, reassigned, completed, cancelled,
/// withdrawn and deleted with their instance, seen through the tab counts and the lists. Each test uses its own users
/// and roles, so the tests of a class share one database.
/// </summary>
public abstract class UserTaskInboxTests(WorkflowDatabase db)
{
    private readonly string _alice = "alice-" + Guid.NewGuid().ToString("N");
    private readonly string _bob = "bob-" + Guid.NewGuid().ToString("N");
    private readonly string _role = "Role" + Guid.NewGuid().ToString("N");
    private readonly string _otherRole = "Other" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => db.Clock.GetUtcNow();

    [Fact]
    public async Task Claim_unclaim_and_reassign_move_a_task_between_my_groups_and_mine()
    {
        var (_, taskId) = await StartTaskAsync(users: [_alice, _bob], roles: [_role]);

        Assert.Equal((0, 1), await TabsAsync(_alice));
        Assert.Equal((0, 1), await TabsAsync(_bob, _role));
        Assert.Equal([taskId], await GroupIdsAsync(_alice));

        var claimed = await StoreCallAsync(s => s.AssignAsync(taskId, 0, _alice, _alice, "Claimed", null, Ct).AsTask());
        Assert.Equal((1, 0), await TabsAsync(_alice));
        Assert.Equal((0, 0), await TabsAsync(_bob, _role));
        Assert.Empty(await GroupIdsAsync(_bob, _role));
        Assert.All(await CandidatesAsync(taskId), c => Assert.False(c.Claimable));

        var unclaimed = await StoreCallAsync(s => s.AssignAsync(taskId, claimed.Revision, null, _alice, "Unclaimed", null, Ct).AsTask());
        Assert.Equal((0, 1), await TabsAsync(_alice));
        Assert.Equal((0, 1), await TabsAsync(_bob, _role));
        Assert.Equal([taskId], await GroupIdsAsync(_bob, _role));

        await StoreCallAsync(s => s.AssignAsync(taskId, unclaimed.Revision, _bob, _alice, "Reassigned", null, Ct).AsTask());
        Assert.Equal((0, 0), await TabsAsync(_alice));
        Assert.Equal((1, 0), await TabsAsync(_bob, _role));
        Assert.Equal([taskId], (await ListAsync(new UserTaskQuery { Scope = UserTaskScope.Mine, UserId = _bob })).Items.Select(t => t.Id));
        await AssertTalliesMatchTheTasksAsync();
    }

    [Fact]
    public async Task A_task_assigned_at_creation_is_not_in_its_candidates_group_until_unclaimed()
    {
        var (_, taskId) = await StartTaskAsync(users: [_bob], roles: [_role], assignee: _alice);

        Assert.Equal((1, 0), await TabsAsync(_alice));
        Assert.Equal((0, 0), await TabsAsync(_bob, _role));

        await StoreCallAsync(s => s.AssignAsync(taskId, 0, null, _alice, "Unclaimed", null, Ct).AsTask());

        Assert.Equal((0, 1), await TabsAsync(_bob, _role));
    }

    [Fact]
    public async Task A_task_matching_through_my_user_and_my_role_is_counted_and_listed_once_and_overdue_counts_too()
    {
        var (_, overdue) = await StartTaskAsync(users: [_alice], roles: [_role, _otherRole], due: Now.AddHours(-1));
        var (_, later) = await StartTaskAsync(users: [_alice], roles: [_role], due: Now.AddHours(5));
        var (_, undated) = await StartTaskAsync(users: [_bob], roles: [_role]);

        var counts = await CountsAsync(_alice, _role);
        Assert.Equal(3, counts.MyGroups);
        Assert.Equal(1, counts.Overdue);
        var page = await ListAsync(Group(_alice, _role) with { PageSize = 10 });
        Assert.Equal(3, page.TotalCount);
        Assert.Equal(3, page.Items.Select(t => t.Id).Distinct().Count());
        Assert.Equal(new[] { overdue, later, undated }.Order(StringComparer.Ordinal), page.Items.Select(t => t.Id).Order(StringComparer.Ordinal));
        var overduePage = await ListAsync(Group(_alice, _role) with { OverdueAt = Now });
        Assert.Equal(1, overduePage.TotalCount);
        Assert.Equal([overdue], overduePage.Items.Select(t => t.Id));
        var dueRange = await ListAsync(Group(_alice, _role) with { DueAfter = Now, DueBefore = Now.AddDays(1) });
        Assert.Equal([later], dueRange.Items.Select(t => t.Id));

        // Alice alone (no role) has the two tasks naming her; with both roles the first task matches three ways.
        Assert.Equal(new UserTaskCounts(0, 2, 0, 1), await CountsAsync(_alice));
        Assert.Equal(new UserTaskCounts(0, 3, 0, 1), await CountsAsync(_alice, _otherRole, _role));
        Assert.Equal(3, (await ListAsync(Group(_alice, _otherRole, _role) with { Sort = UserTaskSort.Priority })).Items.Select(t => t.Id).Distinct().Count());
        Assert.Equal(1, (await ListAsync(Group(_bob, _otherRole, _role) with { OverdueAt = Now })).TotalCount);
    }

    [Fact]
    public async Task Group_pages_sort_by_due_or_priority_with_the_same_order_and_ties_as_the_task_list()
    {
        var due = Now.AddHours(2);
        var started = new List<string>();
        foreach (var (priority, dueAt) in new (int, DateTimeOffset?)[]
        {
            (50, due), (80, due), (50, due), (80, null), (20, due.AddHours(-3)), (80, due), (50, null), (50, due.AddHours(1)),
        })
        {
            started.Add((await StartTaskAsync(users: [_alice], roles: [], priority: priority, due: dueAt)).TaskId);
        }

        foreach (var (sort, descending) in new[] { (UserTaskSort.DueAt, false), (UserTaskSort.DueAt, true), (UserTaskSort.Priority, false), (UserTaskSort.Priority, true) })
        {
            var query = Group(_alice) with { Sort = sort, Descending = descending, PageSize = 3 };

            // Read through the candidate rows, page by page past the first…
            var paged = new List<string>();
            for (var p = 0; p < 3; p++)
            {
                var page = await ListAsync(query with { Page = p });
                Assert.Equal(8, page.TotalCount);
                paged.AddRange(page.Items.Select(t => t.Id));
            }

            // …in the order the task table gives (a process filter reads the tasks themselves).
            var expected = await ListAsync(query with { DefinitionId = TestFlows.OneUserTask, PageSize = 20 });
            Assert.Equal(expected.Items.Select(t => t.Id), paged);
            Assert.Equal(started.Order(StringComparer.Ordinal), paged.Order(StringComparer.Ordinal));
        }

        var byPriority = (await ListAsync(Group(_alice) with { Sort = UserTaskSort.Priority, PageSize = 8 })).Items;
        Assert.Equal([80, 80, 80, 50, 50, 50, 50, 20], byPriority.Select(t => t.Spec.Priority));
        Assert.Equal(2, byPriority.Count(t => t.Spec.Priority == 80 && t.Spec.DueAt == due));
    }

    [Fact]
    public async Task Completed_cancelled_and_withdrawn_tasks_leave_every_list_and_count_with_their_candidate_rows()
    {
        var (completedInstance, completed) = await StartTaskAsync(users: [_alice], roles: [_role], due: Now.AddHours(-1));
        var (cancelledInstance, cancelled) = await StartTaskAsync(users: [_alice], roles: [_role]);
        var (withdrawnInstance, withdrawn) = await StartTaskAsync(users: [_alice], roles: [_role], due: Now.AddHours(-1));
        var (claimedInstance, claimed) = await StartTaskAsync(users: [_alice], roles: [_role]);
        await StoreCallAsync(s => s.AssignAsync(claimed, 0, _alice, _alice, "Claimed", null, Ct).AsTask());
        Assert.Equal(new UserTaskCounts(1, 3, 0, 2), await CountsAsync(_alice, _role));

        await RuntimeCallAsync(r => r.ResumeAsync(new ResumeBookmarkRequest(completed)
        {
            WorkflowInstanceId = completedInstance,
            Input = new Dictionary<string, object?> { [UserTaskResume.OutcomeKey] = "Done", [UserTaskResume.CompletedByKey] = _alice },
        }, Ct).AsTask());
        await RuntimeCallAsync(r => r.CancelAsync(cancelledInstance, Ct).AsTask());
        await RuntimeCallAsync(r => r.ResumeAsync(new ResumeBookmarkRequest(withdrawn)
        {
            WorkflowInstanceId = withdrawnInstance,
            Input = new Dictionary<string, object?> { [UserTaskResume.WithdrawnKey] = "Answered by phone." },
        }, Ct).AsTask());
        await RuntimeCallAsync(r => r.ResumeAsync(new ResumeBookmarkRequest(claimed)
        {
            WorkflowInstanceId = claimedInstance,
            Input = new Dictionary<string, object?> { [UserTaskResume.OutcomeKey] = "Done", [UserTaskResume.CompletedByKey] = _alice },
        }, Ct).AsTask());

        Assert.Equal(new UserTaskCounts(0, 0, 0, 0), await CountsAsync(_alice, _role));
        Assert.Empty((await ListAsync(Group(_alice, _role))).Items);
        Assert.Equal(UserTaskStatus.Completed, (await FindAsync(completed)).Status);
        Assert.Equal(UserTaskStatus.Cancelled, (await FindAsync(cancelled)).Status);
        Assert.Equal(UserTaskStatus.Cancelled, (await FindAsync(withdrawn)).Status);
        foreach (var (instance, task) in new[] { (completedInstance, completed), (cancelledInstance, cancelled), (withdrawnInstance, withdrawn), (claimedInstance, claimed) })
        {
            var all = await ListAsync(new UserTaskQuery { Scope = UserTaskScope.All, UserId = _alice, WorkflowInstanceId = instance });
            Assert.Equal(0, all.TotalCount);
            Assert.Empty(await CandidatesAsync(task));
        }

        var history = await ListAsync(new UserTaskQuery { Scope = UserTaskScope.History, UserId = _alice });
        Assert.Equal(new[] { claimed, completed }.Order(StringComparer.Ordinal), history.Items.Select(t => t.Id).Order(StringComparer.Ordinal));
        await AssertTalliesMatchTheTasksAsync();
    }

    [Fact]
    public async Task Deleting_an_instance_cancels_its_open_task_and_removes_it_from_the_inbox()
    {
        var (instanceId, taskId) = await StartTaskAsync(users: [_alice], roles: [_role], due: Now.AddDays(1));
        Assert.Equal(new UserTaskCounts(0, 1, 0, 0), await CountsAsync(_alice));

        var deleted = await WorkflowDatabase.WithScopeAsync(db.Host, sp =>
            sp.GetRequiredService<IWorkflowInstanceStore>().DeleteAsync(new WorkflowInstanceFilter { Id = instanceId }, Ct).AsTask());

        Assert.Equal(1, deleted);
        var task = await FindAsync(taskId);
        Assert.Equal(UserTaskStatus.Cancelled, task.Status);
        Assert.Equal(Now, task.CompletedAt);
        Assert.Equal(1, task.Revision);
        Assert.Equal(new UserTaskCounts(0, 0, 0, 0), await CountsAsync(_alice, _role));
        Assert.Equal(0, (await ListAsync(new UserTaskQuery { Scope = UserTaskScope.All, UserId = _alice, WorkflowInstanceId = instanceId })).TotalCount);
        Assert.Empty(await CandidatesAsync(taskId));
        var events = await StoreCallAsync(s => s.ListEventsAsync(taskId, Ct).AsTask());
        Assert.Equal(new[] { "Created", "Cancelled" }, events.Select(e => e.Kind));
        await AssertTalliesMatchTheTasksAsync();
    }

    [Fact]
    public async Task Open_task_tallies_follow_concurrent_starts_claims_and_completions_and_a_recount_agrees()
    {
        var started = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => StartTaskAsync(users: [_alice], roles: [_role], priority: i)));
        await Task.WhenAll(started.Take(8).Select(t => StoreCallAsync(s => s.AssignAsync(t.TaskId, 0, _alice, _alice, "Claimed", null, Ct).AsTask())));
        await Task.WhenAll(started.Take(4).Select(t => RuntimeCallAsync(r => r.ResumeAsync(new ResumeBookmarkRequest(t.TaskId)
        {
            WorkflowInstanceId = t.InstanceId,
            Input = new Dictionary<string, object?> { [UserTaskResume.OutcomeKey] = "Done", [UserTaskResume.CompletedByKey] = _alice },
        }, Ct).AsTask())));
        Assert.Equal(new UserTaskCounts(4, 4, 0, 0), await CountsAsync(_alice, _role));
        var (open, assigned) = await AssertTalliesMatchTheTasksAsync();

        // All open tasks, or one open status: the totals come from the tallies.
        var all = await StoreCallAsync(s => s.CountAsync(_alice, [], Now, includeAll: true, Ct).AsTask());
        Assert.Equal(open + assigned, all.All);
        Assert.Equal(open, (await ListAsync(new UserTaskQuery { Scope = UserTaskScope.All, UserId = _alice, Status = UserTaskStatus.Open })).TotalCount);
        Assert.Equal(assigned, (await ListAsync(new UserTaskQuery { Scope = UserTaskScope.All, UserId = _alice, Status = UserTaskStatus.Assigned })).TotalCount);

        // Rows written around the store (a bulk import) are taken in by a recount.
        await WorkflowDatabase.WithScopeAsync(db.Host, async sp =>
        {
            var context = WorkflowsDatabase.Resolve(sp);
            await context.UserTaskTallies.ExecuteUpdateAsync(u => u.SetProperty(t => t.Count, 7), Ct);
            await UserTaskTally.RecountAsync(context, Ct);
            return 0;
        });
        Assert.Equal((open, assigned), await AssertTalliesMatchTheTasksAsync());
    }

    [Fact]
    public async Task A_later_page_of_all_open_tasks_is_the_same_slice_of_the_order_as_a_longer_first_page()
    {
        foreach (var hours in new[] { 5, 1, 3, 2, 6, 4 })
        {
            await StartTaskAsync(users: [_alice], roles: [_role], due: Now.AddYears(-50).AddHours(hours));
        }

        foreach (var sort in new[] { UserTaskSort.DueAt, UserTaskSort.Priority })
        {
            var query = new UserTaskQuery { Scope = UserTaskScope.All, UserId = _alice, Sort = sort, PageSize = 6 };
            var first = await ListAsync(query);
            var second = await ListAsync(query with { PageSize = 3, Page = 1 });
            Assert.Equal(first.Items.Skip(3).Select(t => t.Id), second.Items.Select(t => t.Id));
        }
    }

    /// <summary>The tallies' sums equal a count of the tasks per open status; returns them.</summary>
    private Task<(int Open, int Assigned)> AssertTalliesMatchTheTasksAsync() => WorkflowDatabase.WithScopeAsync(db.Host, async sp =>
    {
        var context = WorkflowsDatabase.Resolve(sp);
        var tallied = await UserTaskTally.ReadAsync(context, Ct);
        var counted = (
            await context.UserTasks.CountAsync(t => t.Status == nameof(UserTaskStatus.Open), Ct),
            await context.UserTasks.CountAsync(t => t.Status == nameof(UserTaskStatus.Assigned), Ct));
        Assert.Equal(counted, tallied);
        return tallied;
    });

    private static UserTaskQuery Group(string userId, params string[] roles) => new() { Scope = UserTaskScope.MyGroups, UserId = userId, Roles = roles };

    private async Task<(string InstanceId, string TaskId)> StartTaskAsync(
        string[] users, string[] roles, string? assignee = null, int priority = 50, DateTimeOffset? due = null)
    {
        var result = await RuntimeCallAsync(r => r.StartAsync(new StartWorkflowRequest(TestFlows.OneUserTask)
        {
            Input = new Dictionary<string, object?>
            {
                ["CandidateUsers"] = JsonSerializer.Serialize(users),
                ["CandidateRoles"] = JsonSerializer.Serialize(roles),
                ["Assignee"] = assignee,
                ["Priority"] = priority,
                ["DueAt"] = due?.ToString("O", CultureInfo.InvariantCulture),
            },
        }, Ct).AsTask());
        var tasks = await StoreCallAsync(s => s.ListOpenByInstancesAsync([result.State.Id], Ct).AsTask());
        return (result.State.Id, Assert.Single(tasks).Id);
    }

    private Task<UserTaskCounts> CountsAsync(string userId, params string[] roles) =>
        StoreCallAsync(s => s.CountAsync(userId, roles, Now, includeAll: false, Ct).AsTask());

    private async Task<(int Mine, int MyGroups)> TabsAsync(string userId, params string[] roles)
    {
        var counts = await CountsAsync(userId, roles);
        return (counts.Mine, counts.MyGroups);
    }

    private async Task<IEnumerable<string>> GroupIdsAsync(string userId, params string[] roles) =>
        (await ListAsync(Group(userId, roles))).Items.Select(t => t.Id);

    private Task<UserTaskPage> ListAsync(UserTaskQuery query) => StoreCallAsync(s => s.ListAsync(query, Ct).AsTask());

    private async Task<UserTaskItem> FindAsync(string taskId) => (await StoreCallAsync(s => s.FindAsync(taskId, Ct).AsTask()))!;

    private Task<List<UserTaskCandidateRecord>> CandidatesAsync(string taskId) => WorkflowDatabase.WithScopeAsync(db.Host, sp =>
        WorkflowsDatabase.Resolve(sp).UserTaskCandidates.AsNoTracking().Where(c => c.TaskId == taskId).ToListAsync(Ct));

    private Task<T> StoreCallAsync<T>(Func<IUserTaskStore, Task<T>> call) =>
        WorkflowDatabase.WithScopeAsync(db.Host, sp => call(sp.GetRequiredService<IUserTaskStore>()));

    private Task<T> RuntimeCallAsync<T>(Func<IWorkflowRuntime, Task<T>> call) =>
        WorkflowDatabase.WithScopeAsync(db.Host, sp => call(sp.GetRequiredService<IWorkflowRuntime>()));
}

public sealed class UserTaskInboxTests_Sqlite(SqliteWorkflowDatabase db) : UserTaskInboxTests(db), IClassFixture<SqliteWorkflowDatabase>;

public sealed class UserTaskInboxTests_PostgreSql(PostgreSqlWorkflowDatabase db) : UserTaskInboxTests(db), IClassFixture<PostgreSqlWorkflowDatabase>;
