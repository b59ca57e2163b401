namespace CrmFlow.Crm.Domain.Complaints;

/// <summary>Master data: why customers complain (投诉原因档案). Must exist before complaints can be recorded.</summary>
internal sealed class ComplaintReason
{
    private ComplaintReason()
    {
    }

    public ComplaintReason(Guid id, string code, string name)
    {
        Id = id;
        Code = code.Trim().ToUpperInvariant();
        Name = name.Trim();
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public bool IsActive { get; private set; } = true;

    public void Update(string name, bool isActive)
    {
        Name = name.Trim();
        IsActive = isActive;
    }
}

public enum ComplaintTargetType
{
    Product,
    Department,
    Person,
}

public enum ComplaintStatus
{
    /// <summary>Recorded; the flow has not picked it up yet.</summary>
    Recorded,

    /// <summary>Waiting for a supervisor to assign a handler.</summary>
    AwaitingAssignment,

    /// <summary>The handler works on it.</summary>
    InHandling,

    /// <summary>Waiting for the supervisor's follow-up visit.</summary>
    AwaitingFollowUp,

    Closed,
}

/// <summary>A complaint (投诉) and where its handling stands; the workflow moves it through the steps.</summary>
internal sealed class Complaint
{
    private Complaint()
    {
    }

    public Complaint(Guid id, Guid customerId, Guid? contactId, string? contactName, ComplaintTargetType targetType, string targetName,
        Guid reasonId, string details, string? channel, DateTimeOffset receivedAt, Guid? recordedById, string workflowInstanceId)
    {
        Id = id;
        CustomerId = customerId;
        ContactId = contactId;
        ContactName = contactName;
        TargetType = targetType;
        TargetName = targetName.Trim();
        ReasonId = reasonId;
        Details = details.Trim();
        Channel = string.IsNullOrWhiteSpace(channel) ? null : channel.Trim();
        ReceivedAt = receivedAt;
        RecordedById = recordedById;
        WorkflowInstanceId = workflowInstanceId;
        Status = ComplaintStatus.Recorded;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid? ContactId { get; private set; }

    public string? ContactName { get; private set; }

    public ComplaintTargetType TargetType { get; private set; }

    public string TargetName { get; private set; } = null!;

    public Guid ReasonId { get; private set; }

    public string Details { get; private set; } = null!;

    public string? Channel { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public Guid? RecordedById { get; private set; }

    public string WorkflowInstanceId { get; private set; } = null!;

    public ComplaintStatus Status { get; private set; }

    public Guid? SupervisorId { get; private set; }

    public Guid? HandlerId { get; private set; }

    public string? HandlingResult { get; private set; }

    public int HandlingRounds { get; private set; }

    public bool? CustomerSatisfied { get; private set; }

    public string? SupervisionResult { get; private set; }

    public bool IsOverdue { get; private set; }

    public DateTimeOffset? OverdueSince { get; private set; }

    /// <summary>The due time of the current step (its SLA).</summary>
    public DateTimeOffset? StepDueAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public void Open(DateTimeOffset dueAt)
    {
        if (Status == ComplaintStatus.Recorded)
        {
            Status = ComplaintStatus.AwaitingAssignment;
            StepDueAt = dueAt;
        }
    }

    public void Assign(Guid supervisorId, Guid handlerId, DateTimeOffset dueAt)
    {
        SupervisorId = supervisorId;
        HandlerId = handlerId;
        Status = ComplaintStatus.InHandling;
        StepDueAt = dueAt;
        IsOverdue = false;
    }

    public void RecordHandling(string result, DateTimeOffset dueAt)
    {
        HandlingResult = result.Trim();
        HandlingRounds++;
        Status = ComplaintStatus.AwaitingFollowUp;
        StepDueAt = dueAt;
        IsOverdue = false;
    }

    /// <summary>The follow-up visit: a satisfied customer closes the complaint, else it goes back to the handler.</summary>
    public bool RecordFollowUp(Guid supervisorId, bool satisfied, string? supervisionResult, DateTimeOffset at, DateTimeOffset handlingDueAt)
    {
        SupervisorId = supervisorId;
        CustomerSatisfied = satisfied;
        SupervisionResult = string.IsNullOrWhiteSpace(supervisionResult) ? null : supervisionResult.Trim();
        IsOverdue = false;
        if (satisfied)
        {
            Status = ComplaintStatus.Closed;
            ClosedAt = at;
            StepDueAt = null;
            return true;
        }

        Status = ComplaintStatus.InHandling;
        StepDueAt = handlingDueAt;
        return false;
    }

    public void MarkOverdue(DateTimeOffset at)
    {
        if (Status != ComplaintStatus.Closed && !IsOverdue)
        {
            IsOverdue = true;
            OverdueSince = at;
        }
    }
}

/// <summary>A message for one user (escalations), shown in the web UI.</summary>
internal sealed class Notification
{
    private Notification()
    {
    }

    public Notification(Guid id, Guid userId, string kind, string message, string? reference, DateTimeOffset createdAt, string? link = null)
    {
        Id = id;
        UserId = userId;
        Kind = kind;
        Message = message;
        Reference = reference;
        CreatedAt = createdAt;
        Link = link;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Kind { get; private set; } = null!;

    public string Message { get; private set; } = null!;

    public string? Reference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Where the web UI takes the reader (a path inside the app, e.g. <c>/complaints?id={id}</c>), if anywhere.</summary>
    public string? Link { get; private set; }

    /// <summary>When its user marked it read; unread while null.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Marks it read once; a second call keeps the first time.</summary>
    public bool MarkRead(DateTimeOffset at)
    {
        if (ReadAt is not null)
        {
            return false;
        }

        ReadAt = at;
        return true;
    }
}
