using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Persistence.Entities;

/// <summary>An inbox task; its id is the id of the <c>CrmFlow.UserTask</c> bookmark it waits on (one row per bookmark).</summary>
internal sealed class UserTaskRecord
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string DefinitionId { get; set; }

    public string? ProcessName { get; set; }

    public required string ActivityId { get; set; }

    public required string Title { get; set; }

    /// <summary><c>Open</c>, <c>Assigned</c>, <c>Completed</c>, <c>Cancelled</c>.</summary>
    public required string Status { get; set; }

    /// <summary>
    /// True while <see cref="Status"/> is <c>Open</c> or <c>Assigned</c> (kept by the store with every status change):
    /// one equality leads the "all open tasks" indexes, so every database reads them in order without statistics.
    /// </summary>
    public bool IsOpen { get; set; }

    public string? Assignee { get; set; }

    public string? SubjectId { get; set; }

    public string? Reference { get; set; }

    public int Priority { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? FollowUpAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    public string? Outcome { get; set; }

    /// <summary>The <c>UserTaskSpec</c> JSON (title, description, candidates, form, outcomes…).</summary>
    public required string Spec { get; set; }

    /// <summary>The submitted form values (JSON).</summary>
    public string? Result { get; set; }

    public long Revision { get; set; }

    /// <summary>Ends the task as <paramref name="status"/> (completed or cancelled): no longer open, one revision on.</summary>
    public void Close(UserTaskStatus status, DateTimeOffset at)
    {
        Status = status.ToString();
        IsOpen = false;
        CompletedAt = at;
        Revision++;
    }
}

/// <summary>
/// A candidate of an open task: <c>u:&lt;userId&gt;</c> or <c>r:&lt;role&gt;</c>. The rows exist only while their task
/// is open (Open or Assigned) and carry what a group queue needs, so that its count and page are read from one
/// candidate index range without looking at the tasks: whether the task can be claimed, its due time and priority.
/// </summary>
internal sealed class UserTaskCandidateRecord
{
    public required string TaskId { get; set; }

    public required string Value { get; set; }

    /// <summary>True while the task's status is <c>Open</c> (unclaimed); kept by the store with every claim and unclaim.</summary>
    public bool Claimable { get; set; }

    /// <summary>The task's due time (set when the task is created, never changed).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The task's priority (set when the task is created, never changed).</summary>
    public int Priority { get; set; }
}

/// <summary>
/// One slot of the count of open tasks in one status (<c>Open</c> or <c>Assigned</c>): the supervisors' "all" badge
/// and the total of an "all" list filtered by status alone are the sums of these rows, not a count of every open task
/// on every call. Each transaction that changes tasks adds its net change to one slot (picked at random), so
/// concurrent commits seldom wait for the same row. See <see cref="Stores.UserTaskTally"/>.
/// </summary>
internal sealed class UserTaskTallyRecord
{
    public required string Status { get; set; }

    public int Slot { get; set; }

    public long Count { get; set; }
}

internal sealed class UserTaskCommentRecord
{
    public required string Id { get; set; }

    public required string TaskId { get; set; }

    public required string Author { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A history line of a task.</summary>
internal sealed class UserTaskEventRecord
{
    public required string Id { get; set; }

    public required string TaskId { get; set; }

    public required string Kind { get; set; }

    public string? Actor { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset At { get; set; }
}
