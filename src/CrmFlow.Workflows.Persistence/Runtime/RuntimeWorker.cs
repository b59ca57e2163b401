using System.Diagnostics;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Stores;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>
/// The host's background loop: fires due timers (timer bookmarks and timer/cron start triggers), runs dispatched
/// instances, and applies retention. Work is claimed in the database with conditional updates on lease columns,
/// so with several hosts on one database each due row is taken by one host; a claim that outlives a dead host
/// expires and another host takes the row (crash recovery). Late timers fire on the first pass after start.
/// </summary>
internal sealed partial class RuntimeWorker(
    IServiceScopeFactory scopes,
    RuntimeSignals signals,
    IOptions<WorkflowRuntimeOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider time,
    ILogger<RuntimeWorker> logger) : BackgroundService
{
    private long _lastStatistics = Stopwatch.GetTimestamp();
    private readonly string _host = options.Value.HostName ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EnableBackgroundWork)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Loop while a pass found work, so a backlog drains without waiting for the next tick.
                while (await RunOnceAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                }

                await RefreshSqliteStatisticsAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailed(logger, ex);
            }

            try
            {
                // The poll cadence is operational (how often to look at the database), so it runs on the system
                // clock; what is due is judged by the host's clock. A clock moved forward (tests, catch-up after a
                // pause) is noticed at the next poll instead of waiting for the moved clock to tick again.
                await signals.WaitAsync(options.Value.PollInterval, TimeProvider.System, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: due timers, then dispatched instances, then retention. Returns how many items it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var handled = await FireDueTimersAsync(cancellationToken).ConfigureAwait(false);
        handled += await RunPendingInstancesAsync(cancellationToken).ConfigureAwait(false);
        await ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
        return handled;
    }

    private async Task<int> FireDueTimersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<ScheduledTimerRecord> due;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            due = await db.Timers.AsNoTracking()
                .Where(t => t.DueAt <= now && (t.LeaseUntil == null || t.LeaseUntil < now))
                .OrderBy(t => t.DueAt).Take(100)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var handled = 0;
        foreach (var timer in due)
        {
            handled += timer.BookmarkId is null
                ? await FireStartTriggerAsync(timer, now, cancellationToken).ConfigureAwait(false)
                : await FireBookmarkAsync(timer, now, cancellationToken).ConfigureAwait(false);
        }

        return handled;
    }

    private async Task<int> FireBookmarkAsync(ScheduledTimerRecord timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var leaseUntil = now + options.Value.LeaseDuration;
            var claimed = await db.Timers
                .Where(t => t.Id == timer.Id && (t.LeaseUntil == null || t.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeasedBy, _host).SetProperty(t => t.LeaseUntil, leaseUntil), cancellationToken)
                .ConfigureAwait(false);
            if (claimed == 0)
            {
                return 0;
            }

            var runtime = scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>();
            try
            {
                await runtime.ResumeAsync(new ResumeBookmarkRequest(timer.BookmarkId!), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WorkflowConflictException or WorkflowNotFoundException)
            {
                // Someone else resumed it (or the instance is gone): the timer is spent.
                await db.Timers.Where(t => t.Id == timer.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogTimerFailed(logger, timer.Id, timer.WorkflowInstanceId, ex);
            }

            return 1;
        }
    }

    private async Task<int> FireStartTriggerAsync(ScheduledTimerRecord timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var trigger = await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timer.TriggerId, cancellationToken).ConfigureAwait(false);
            var definition = trigger is null ? null
                : await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().FindByVersionIdAsync(trigger.DefinitionVersionId, cancellationToken).ConfigureAwait(false);
            var next = TriggerIndexer.NextDue(timer, now);
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Claim this occurrence by moving (or removing) the row; only one host's update matches.
                var mine = db.Timers.Where(t => t.Id == timer.Id && t.DueAt == timer.DueAt && (t.LeaseUntil == null || t.LeaseUntil < now));
                var claimed = next is { } n && definition is not null
                    ? await mine.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, n), cancellationToken).ConfigureAwait(false)
                    : await mine.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                if (claimed == 0 || definition is null)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return 0;
                }

                // The start itself is a Pending instance in the same transaction: it runs even if this host dies now.
                var state = WorkflowRuntime.PendingState(definition, new StartWorkflowRequest(definition.DefinitionId!) { TriggerActivityId = timer.ActivityId }, now);
                db.WorkflowInstances.Add(WorkflowRuntime.NewRecord(state, WorkflowStateSerializer.Serialize(state)));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return 1;
        }
    }

    private async Task<int> RunPendingInstancesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<string> ids;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            ids = await db.WorkflowInstances.AsNoTracking()
                .Where(i => i.SubStatus == nameof(WorkflowSubStatus.Pending) && (i.LeaseUntil == null || i.LeaseUntil < now))
                .OrderBy(i => i.CreatedAt).Select(i => i.Id).Take(100)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var handled = 0;
        foreach (var id in ids)
        {
            var runScope = scopes.CreateAsyncScope();
            await using (runScope.ConfigureAwait(false))
            {
                var db = runScope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
                var leaseUntil = now + options.Value.LeaseDuration;
                var claimed = await db.WorkflowInstances
                    .Where(i => i.Id == id && i.SubStatus == nameof(WorkflowSubStatus.Pending) && (i.LeaseUntil == null || i.LeaseUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeasedBy, _host).SetProperty(i => i.LeaseUntil, leaseUntil), cancellationToken)
                    .ConfigureAwait(false);
                if (claimed == 0)
                {
                    continue;
                }

                handled++;
                try
                {
                    await runScope.ServiceProvider.GetRequiredService<WorkflowRuntime>().RunPendingAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogDispatchFailed(logger, id, ex);
                }
            }
        }

        return handled;
    }

    private async Task ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (options.Value.RetentionPeriod is not { } period || now - _lastRetention < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastRetention = now;
        var cutoff = now - period;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
            var deleted = await store.DeleteAsync(new WorkflowInstanceFilter { Statuses = [WorkflowStatus.Finished], FinishedTo = cutoff }, cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogRetention(logger, deleted, cutoff);
            }
        }
    }

    /// <summary>Hourly on SQLite (operational, so on the system clock): see <see cref="SqliteStatistics"/>.</summary>
    private async Task RefreshSqliteStatisticsAsync(CancellationToken cancellationToken)
    {
        if (database.Value.Provider != DatabaseProvider.Sqlite || Stopwatch.GetElapsedTime(_lastStatistics) < SqliteStatistics.Interval)
        {
            return;
        }

        _lastStatistics = Stopwatch.GetTimestamp();
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await SqliteStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>(), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow runtime loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TimerId} of workflow instance {InstanceId} failed; it will be retried when its lease expires")]
    private static partial void LogTimerFailed(ILogger logger, string timerId, string? instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatched workflow instance {InstanceId} failed to run; it will be retried when its lease expires")]
    private static partial void LogDispatchFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} workflow instance(s) finished before {Cutoff}")]
    private static partial void LogRetention(ILogger logger, int count, DateTimeOffset cutoff);
}
