using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using CrmFlow.Workflows.Persistence.Runtime;
using CrmFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>
/// The instance lock on PostgreSQL: a free lock is taken by the query that reads the instance (a transaction-level
/// advisory lock, no round trip of its own); a lock held elsewhere (DistributedLock's session-level lock, another
/// host's read) makes the resume wait for it. Both forms use one key per instance.
/// </summary>
public sealed class InstanceLockTests_PostgreSql(PostgreSqlWorkflowDatabase db) : IClassFixture<PostgreSqlWorkflowDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_free_lock_is_taken_by_the_read_that_loads_the_instance_and_released_after_the_commit()
    {
        var started = await StartAsync();
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        var statements = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TagObjects.Any(t => Equals(t.Value, database)))
                {
                    statements.Enqueue(string.Join(' ', activity.TagObjects.Select(t => $"{t.Key}={t.Value}")));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // By the event trigger with the instance id (the stimulus read) and by bookmark id (the instance read).
        using var client = WorkflowDatabase.ClientOf(db.Host);
        using var triggered = await client.PostAsJsonAsync("/elsa/api/events/Go/trigger", new { workflowInstanceId = started.Event, workflowExecutionMode = "Synchronous" }, Ct);
        triggered.EnsureSuccessStatusCode();
        await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowRuntime>().ResumeAsync(new ResumeBookmarkRequest(started.BookmarkId), Ct).AsTask());

        Assert.Equal(WorkflowSubStatus.Finished, (await WorkflowDatabase.FindInstanceAsync(db.Host, started.Event))?.SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, (await WorkflowDatabase.FindInstanceAsync(db.Host, started.Bookmark))?.SubStatus);
        var sent = statements.ToList();
        Assert.True(sent.Count(s => s.Contains("pg_try_advisory_xact_lock", StringComparison.Ordinal)) == 2, string.Join('\n', sent));
        Assert.DoesNotContain(sent, s => s.Contains("pg_try_advisory_lock", StringComparison.Ordinal) || s.Contains("pg_advisory_lock(", StringComparison.Ordinal));

        // Released: the library's lock is free at once for both instances.
        var locks = db.Host.Services.GetRequiredService<IWorkflowInstanceLock>();
        foreach (var id in new[] { started.Event, started.Bookmark })
        {
            await using var handle = await locks.AcquireAsync(id, TimeSpan.Zero, Ct);
        }
    }

    [Fact]
    public async Task A_lock_held_elsewhere_makes_the_resume_wait_and_both_forms_of_the_lock_exclude_each_other()
    {
        var started = await StartAsync();
        var locks = db.Host.Services.GetRequiredService<IWorkflowInstanceLock>();
        using var client = WorkflowDatabase.ClientOf(db.Host);

        // One resume first, so that the one below is not slow for reasons of its own (a cold host).
        var warm = await StartAsync();
        using (var response = await client.PostAsJsonAsync("/elsa/api/events/Go/trigger", new { workflowInstanceId = warm.Event, workflowExecutionMode = "Synchronous" }, Ct))
        {
            response.EnsureSuccessStatusCode();
        }

        // Held by DistributedLock (another host's waiting path): the trigger does not resume until it is released.
        var held = await locks.AcquireAsync(started.Event, TimeSpan.FromSeconds(5), Ct);
        var trigger = client.PostAsJsonAsync("/elsa/api/events/Go/trigger", new { workflowInstanceId = started.Event, workflowExecutionMode = "Synchronous" }, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.False(trigger.IsCompleted);
        Assert.Equal(WorkflowSubStatus.Suspended, (await WorkflowDatabase.FindInstanceAsync(db.Host, started.Event))?.SubStatus);
        await held.DisposeAsync();
        using (var response = await trigger)
        {
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(WorkflowSubStatus.Finished, (await WorkflowDatabase.FindInstanceAsync(db.Host, started.Event))?.SubStatus);

        // Held as a transaction-level lock (another host's read): DistributedLock cannot take it, and can once it ends.
        var key = PostgresInstanceLock.TransactionKey(started.Bookmark);
        Assert.NotNull(key);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var transaction = await connection.BeginTransactionAsync(Ct);
            await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
            {
                command.Parameters.AddWithValue("key", key.Value);
                Assert.True((bool)(await command.ExecuteScalarAsync(Ct))!);
            }

            await Assert.ThrowsAsync<TimeoutException>(async () => await locks.AcquireAsync(started.Bookmark, TimeSpan.Zero, Ct));
            await transaction.CommitAsync(Ct);
        }

        await using var free = await locks.AcquireAsync(started.Bookmark, TimeSpan.Zero, Ct);
    }

    [Fact]
    public async Task A_resume_whose_lock_transaction_the_server_ends_mid_burst_still_commits_and_answers()
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        using var client = WorkflowDatabase.ClientOf(db.Host);
        var started = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowRuntime>()
            .StartAsync(new StartWorkflowRequest(TestFlows.WaitThenWork), Ct).AsTask());

        // The server ends any transaction idle for 40 ms: the one holding the lock is, while the burst's script runs.
        await SetIdleTransactionTimeoutAsync(database, "40ms");
        try
        {
            using var triggered = await client.PostAsJsonAsync("/elsa/api/events/Work/trigger", new { workflowInstanceId = started.InstanceId, workflowExecutionMode = "Synchronous" }, Ct);
            triggered.EnsureSuccessStatusCode();
        }
        finally
        {
            await SetIdleTransactionTimeoutAsync(database, null);
        }

        var state = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowInstanceStore>().FindStateAsync(started.InstanceId, Ct).AsTask());
        Assert.True(state?.SubStatus == WorkflowSubStatus.Finished, string.Join("; ", state?.Incidents.Select(i => $"{i.ActivityId}: {i.Message}") ?? []));

        // The child the burst dispatched was written on its own, not inside the lock's transaction the server ended.
        var children = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowInstanceStore>()
            .ListAsync(new WorkflowInstanceFilter { CorrelationId = "child-of-" + started.InstanceId }, cancellationToken: Ct).AsTask());
        Assert.Single(children.Items);
        await using var free = await db.Host.Services.GetRequiredService<IWorkflowInstanceLock>().AcquireAsync(started.InstanceId, TimeSpan.Zero, Ct);
    }

    /// <summary>Sets (or resets) the database's idle-transaction timeout; pooled connections are dropped so that new ones take it.</summary>
    private async Task SetIdleTransactionTimeoutAsync(string? database, string? timeout)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(Ct);
            var sql = timeout is null
                ? $"ALTER DATABASE \"{database}\" RESET idle_in_transaction_session_timeout"
                : $"ALTER DATABASE \"{database}\" SET idle_in_transaction_session_timeout = '{timeout}'";
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        NpgsqlConnection.ClearAllPools();
    }

    private string ConnectionString => db.Host.Services.GetRequiredService<IOptions<CrmFlow.Workflows.Persistence.DatabaseOptions>>().Value.ConnectionString!;

    /// <summary>Two instances waiting for the event "Go": one to resume by the event trigger, one by bookmark id.</summary>
    private async Task<(string Event, string Bookmark, string BookmarkId)> StartAsync()
    {
        var results = new List<WorkflowRunResult>();
        for (var i = 0; i < 2; i++)
        {
            results.Add(await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowRuntime>()
                .StartAsync(new StartWorkflowRequest(TestFlows.WaitForEvent) { CorrelationId = Guid.NewGuid().ToString("N") }, Ct).AsTask()));
        }

        return (results[0].InstanceId, results[1].InstanceId, Assert.Single(results[1].State.Bookmarks).Id);
    }
}
