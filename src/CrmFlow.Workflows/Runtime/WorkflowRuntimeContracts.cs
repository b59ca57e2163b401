using CrmFlow.Workflows.Management;

namespace CrmFlow.Workflows.Runtime;

/// <summary>Start a new instance of a definition.</summary>
public sealed record StartWorkflowRequest(string DefinitionId)
{
    /// <summary>Which version: published by default; <see cref="VersionOptions.SpecificVersion"/> for a given one.</summary>
    public VersionOptions VersionOptions { get; init; } = VersionOptions.Published;

    /// <summary>Alternatively a version id (wins over <see cref="VersionOptions"/>).</summary>
    public string? DefinitionVersionId { get; init; }

    /// <summary>The version, already loaded by the caller (wins over the two above; saves a lookup).</summary>
    public Model.WorkflowDefinition? Definition { get; init; }

    public IDictionary<string, object?>? Input { get; init; }

    public string? CorrelationId { get; init; }

    public string? InstanceId { get; init; }

    public string? TriggerActivityId { get; init; }

    public string? ParentWorkflowInstanceId { get; init; }

    public IDictionary<string, object?>? Properties { get; init; }
}

/// <summary>Resume one bookmark.</summary>
public sealed record ResumeBookmarkRequest(string BookmarkId)
{
    public IDictionary<string, object?>? Input { get; init; }

    /// <summary>When set, the bookmark must belong to this instance.</summary>
    public string? WorkflowInstanceId { get; init; }
}

/// <summary>A stimulus: start flows whose trigger matches, resume instances whose bookmarks match.</summary>
public sealed record TriggerWorkflowsRequest(string ActivityType, object? Stimulus)
{
    public string? CorrelationId { get; init; }

    public string? WorkflowInstanceId { get; init; }

    public IDictionary<string, object?>? Input { get; init; }

    /// <summary>False: only resume bookmarks, never start new instances.</summary>
    public bool StartNew { get; init; } = true;
}

/// <summary>What happened to one instance.</summary>
public enum WorkflowRunOutcome
{
    /// <summary>A new instance ran (to completion or suspension).</summary>
    Started,

    /// <summary>An existing instance was resumed.</summary>
    Resumed,

    /// <summary>The activation strategy (Singleton, Correlation) refused a new instance.</summary>
    NotActivated,
}

/// <summary>The committed result of one run or resume.</summary>
public sealed record WorkflowRunResult(WorkflowRunOutcome Outcome, WorkflowState State)
{
    public string InstanceId => State.Id;

    public WorkflowStatus Status => State.Status;

    public WorkflowSubStatus SubStatus => State.SubStatus;
}

/// <summary>A bookmark was already consumed by another resume, or the instance is not in a resumable state.</summary>
public sealed class WorkflowConflictException(string message) : Exception(message);

/// <summary>No published (or requested) version, no bookmark, or no instance.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>
/// The persistent workflow runtime: every call runs the engine under a per-instance database lock and
/// commits state, bookmarks, triggers' timers, journal and incidents in one transaction. A bookmark is consumed
/// by exactly one resume: the loser of a race gets <see cref="WorkflowConflictException"/>.
/// </summary>
public interface IWorkflowRuntime
{
    /// <summary>Starts an instance (honouring the definition's activation strategy) and runs it until it finishes or suspends.</summary>
    ValueTask<WorkflowRunResult> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default);

    /// <summary>Resumes one bookmark. Throws <see cref="WorkflowNotFoundException"/> or <see cref="WorkflowConflictException"/>.</summary>
    ValueTask<WorkflowRunResult> ResumeAsync(ResumeBookmarkRequest request, CancellationToken cancellationToken = default);

    /// <summary>Delivers a stimulus: resumes matching bookmarks (consumed ones are skipped) and starts matching triggers.</summary>
    ValueTask<IReadOnlyList<WorkflowRunResult>> TriggerAsync(TriggerWorkflowsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running instance; null when it does not exist. Finished instances are returned unchanged.</summary>
    ValueTask<WorkflowRunResult?> CancelAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retries a faulted instance: its faulted activities (all, or those of <paramref name="activityIds"/>) run again
    /// from their start and the workflow continues from there, under the instance's lock, committed like a resume.
    /// Incidents left without a faulted activity to run (continue-with-incidents) are cleared, and a faulted
    /// instance that still waits on bookmarks is suspended again. Null when the instance does not exist.
    /// </summary>
    ValueTask<WorkflowRunResult?> RetryAsync(string instanceId, IReadOnlyCollection<string>? activityIds = null, CancellationToken cancellationToken = default);

    /// <summary>Queues a start to run in the background; returns the new instance id at once.</summary>
    ValueTask<string> DispatchAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A per-instance lock held in the database (advisory lock, app lock, or in-process on SQLite).</summary>
public interface IWorkflowInstanceLock
{
    /// <summary>Waits up to <paramref name="timeout"/>; throws <see cref="TimeoutException"/> when not acquired.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default);
}
