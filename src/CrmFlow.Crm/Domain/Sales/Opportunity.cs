namespace CrmFlow.Crm.Domain.Sales;

/// <summary>Open, or closed as won or lost.</summary>
public enum OpportunityStatus
{
    Open,
    Won,
    Lost,
}

/// <summary>
/// An opportunity (商机): clear will and product, on a sales mode and one of its stages, owned by a rep (default: the
/// customer owner). Children: team, activities, quotes, competitors, documents and the stage records of its advancement.
/// </summary>
internal sealed class Opportunity
{
    private readonly List<OpportunityTeamMember> _team = [];
    private readonly List<OpportunityActivity> _activities = [];
    private readonly List<Quote> _quotes = [];
    private readonly List<OpportunityCompetitor> _competitors = [];
    private readonly List<StageRecord> _stageRecords = [];
    private readonly List<OpportunityDocument> _documents = [];

    private Opportunity()
    {
    }

    public Opportunity(
        Guid id, string name, Guid customerId, Guid salesModeId, Guid stageId, Guid ownerId, string products,
        decimal expectedAmount, DateOnly expectedCloseDate, Guid? intentId, Guid createdById, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(products);
        Id = id;
        Name = name.Trim();
        CustomerId = customerId;
        SalesModeId = salesModeId;
        StageId = stageId;
        OwnerId = ownerId;
        Products = products.Trim();
        ExpectedAmount = expectedAmount;
        ExpectedCloseDate = expectedCloseDate;
        IntentId = intentId;
        Status = OpportunityStatus.Open;
        CreatedById = createdById;
        CreatedAt = createdAt;
        StageEnteredAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = null!;

    public Guid CustomerId { get; private set; }

    public Guid SalesModeId { get; private set; }

    public Guid StageId { get; private set; }

    public Guid OwnerId { get; private set; }

    /// <summary>The product(s), as the rep names them.</summary>
    public string Products { get; private set; } = null!;

    public decimal ExpectedAmount { get; private set; }

    public DateOnly ExpectedCloseDate { get; private set; }

    public Guid? IntentId { get; private set; }

    public OpportunityStatus Status { get; private set; }

    public string? ResultSummary { get; private set; }

    public string? LostReason { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the opportunity entered its current stage.</summary>
    public DateTimeOffset StageEnteredAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public IReadOnlyCollection<OpportunityTeamMember> Team => _team;

    public IReadOnlyCollection<OpportunityActivity> Activities => _activities;

    public IReadOnlyCollection<Quote> Quotes => _quotes;

    public IReadOnlyCollection<OpportunityCompetitor> Competitors => _competitors;

    public IReadOnlyCollection<StageRecord> StageRecords => _stageRecords;

    /// <summary>The documents' metadata; their bytes are separate (<see cref="OpportunityDocumentContent"/>).</summary>
    public IReadOnlyCollection<OpportunityDocument> Documents => _documents;

    public bool IsOpen => Status == OpportunityStatus.Open;

    /// <summary>Adds a team member (callers verify the member's permission on the customer first). Idempotent.</summary>
    public void AddTeamMember(Guid userId, string? role, DateTimeOffset at)
    {
        if (_team.Exists(m => m.UserId == userId))
        {
            return;
        }

        _team.Add(new OpportunityTeamMember(Id, userId, role, at));
    }

    public bool RemoveTeamMember(Guid userId) => _team.RemoveAll(m => m.UserId == userId) > 0;

    public OpportunityActivity PlanActivity(Guid id, string kind, string subject, Guid executorId, DateTimeOffset dueAt, DateTimeOffset at)
    {
        var activity = new OpportunityActivity(id, Id, kind, subject, executorId, dueAt, at);
        _activities.Add(activity);
        return activity;
    }

    public Quote AddQuote(Guid id, decimal amount, string? note, Guid byId, DateTimeOffset at)
    {
        var quote = new Quote(id, Id, amount, note, byId, at);
        _quotes.Add(quote);
        return quote;
    }

    public OpportunityCompetitor AddCompetitor(Guid id, string name, string? link, string? notes)
    {
        var competitor = new OpportunityCompetitor(id, Id, name, link, notes);
        _competitors.Add(competitor);
        return competitor;
    }

    /// <summary>
    /// Attaches a document (on open and closed opportunities alike: contracts often arrive after the win). Returns the
    /// metadata and the content to store beside it; size and SHA-256 are computed here from the bytes.
    /// </summary>
    public (OpportunityDocument Document, OpportunityDocumentContent Content) AddDocument(
        Guid id, string? fileName, string? contentType, byte[] content, string? kind, string? description, Guid byId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        var document = new OpportunityDocument(
            id, Id, fileName, contentType, content.LongLength, OpportunityDocument.HashOf(content), kind, description, byId, at);
        _documents.Add(document);
        return (document, new OpportunityDocumentContent(id, content));
    }

    /// <summary>The unmet gate codes of <paramref name="stage"/> for this opportunity (empty: it may enter).</summary>
    public IReadOnlyList<string> UnmetGates(SalesStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return [.. stage.GateList.Where(g => !Meets(g))];
    }

    private bool Meets(string gate) => gate switch
    {
        StageGates.QuoteExists => _quotes.Count > 0,
        StageGates.ActivityCompleted => _activities.Exists(a => a.DoneAt is not null),
        StageGates.ExpectedAmountSet => ExpectedAmount > 0m,
        StageGates.CompetitorRecorded => _competitors.Count > 0,
        _ => false, // an unknown gate is never met: a misconfigured stage refuses rather than lets through
    };

    /// <summary>Moves to <paramref name="to"/>, recording the change with its summary and the time spent in the stage left.</summary>
    public StageRecord MoveTo(Guid recordId, SalesStage to, string summary, Guid byId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(to);
        var record = new StageRecord(recordId, Id, StageId, to.Id, null, summary, byId, StageEnteredAt, at);
        _stageRecords.Add(record);
        StageId = to.Id;
        StageEnteredAt = at;
        return record;
    }

    /// <summary>Closes the opportunity as won or lost (with summary and, when lost, the reason), recorded as a stage record.</summary>
    public StageRecord Close(Guid recordId, bool won, string summary, string? lostReason, Guid byId, DateTimeOffset at)
    {
        var result = won ? OpportunityStatus.Won : OpportunityStatus.Lost;
        var record = new StageRecord(recordId, Id, StageId, StageId, result, summary, byId, StageEnteredAt, at);
        _stageRecords.Add(record);
        Status = result;
        ResultSummary = summary.Trim();
        LostReason = won ? null : lostReason?.Trim();
        ClosedAt = at;
        return record;
    }
}

internal sealed class OpportunityTeamMember
{
    private OpportunityTeamMember()
    {
    }

    public OpportunityTeamMember(Guid opportunityId, Guid userId, string? role, DateTimeOffset addedAt)
    {
        OpportunityId = opportunityId;
        UserId = userId;
        Role = string.IsNullOrWhiteSpace(role) ? null : role.Trim();
        AddedAt = addedAt;
    }

    public Guid OpportunityId { get; private set; }

    public Guid UserId { get; private set; }

    public string? Role { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}

/// <summary>Where an opportunity activity stands: planned (alerts pending), done with a result, or cancelled with a reason.</summary>
public enum OpportunityActivityStatus
{
    Planned,
    Done,
    Cancelled,
}

/// <summary>
/// A visit, call or other activity on an opportunity: planned with a due time and executor, then done with a result or
/// cancelled with a reason. While planned, its subject, executor and due time may change. <see cref="Revision"/> counts
/// the changes that matter to its alerts (executor, due time, done, cancelled) and is the row's concurrency token, so an
/// alert written for an older revision, or a second change made from the same read, fails instead of overwriting.
/// </summary>
internal sealed class OpportunityActivity
{
    private OpportunityActivity()
    {
    }

    public OpportunityActivity(Guid id, Guid opportunityId, string kind, string subject, Guid executorId, DateTimeOffset dueAt, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        Id = id;
        OpportunityId = opportunityId;
        Kind = kind.Trim();
        Subject = subject.Trim();
        ExecutorId = executorId;
        DueAt = dueAt;
        CreatedAt = createdAt;
        Revision = 1;
    }

    public Guid Id { get; private set; }

    public Guid OpportunityId { get; private set; }

    /// <summary>visit, call, meeting, demo…</summary>
    public string Kind { get; private set; } = null!;

    public string Subject { get; private set; } = null!;

    public Guid ExecutorId { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public string? Result { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>1 when planned; +1 on every change of executor or due time, on completion and on cancellation.</summary>
    public int Revision { get; private set; }

    /// <summary>The alert flow instance that serves the current revision (null on rows planned before it was stored).</summary>
    public string? AlertWorkflowInstanceId { get; private set; }

    /// <summary>The revision whose due alert went out (a replayed alert of that revision adds nothing).</summary>
    public int? DueAlertRevision { get; private set; }

    /// <summary>The revision whose overdue alert went out.</summary>
    public int? OverdueAlertRevision { get; private set; }

    public OpportunityActivityStatus Status => DoneAt is not null
        ? OpportunityActivityStatus.Done
        : CancelledAt is not null ? OpportunityActivityStatus.Cancelled : OpportunityActivityStatus.Planned;

    public bool IsPlanned => Status == OpportunityActivityStatus.Planned;

    /// <summary>Marks it done (idempotent: the first completion time stays). Callers refuse a cancelled activity first.</summary>
    public void Complete(string? result, DateTimeOffset at)
    {
        if (CancelledAt is not null)
        {
            throw new InvalidOperationException("A cancelled activity cannot be completed.");
        }

        if (DoneAt is null)
        {
            DoneAt = at;
            Revision++;
        }

        Result = string.IsNullOrWhiteSpace(result) ? Result : result.Trim();
    }

    /// <summary>
    /// Changes what is given of a planned activity; true when the executor or the due time changed (then the revision
    /// moves on and the alerts must follow). A subject alone changes the text of later alerts, not their schedule.
    /// </summary>
    public bool Change(string? subject, Guid? executorId, DateTimeOffset? dueAt)
    {
        EnsurePlanned();
        if (!string.IsNullOrWhiteSpace(subject))
        {
            Subject = subject.Trim();
        }

        var rescheduled = (executorId is { } executor && executor != ExecutorId) || (dueAt is { } due && due != DueAt);
        ExecutorId = executorId ?? ExecutorId;
        DueAt = dueAt ?? DueAt;
        if (rescheduled)
        {
            Revision++;
        }

        return rescheduled;
    }

    /// <summary>Cancels a planned activity with its reason (idempotent: a second cancel keeps the first time and reason).</summary>
    public void Cancel(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (CancelledAt is not null)
        {
            return;
        }

        EnsurePlanned();
        CancelledAt = at;
        CancelReason = reason.Trim();
        Revision++;
    }

    /// <summary>Names the alert flow instance of the current revision.</summary>
    public void AlertsRunIn(string instanceId) => AlertWorkflowInstanceId = instanceId;

    /// <summary>Records that the <paramref name="overdue"/> or due alert of the current revision went out.</summary>
    public void AlertSent(bool overdue)
    {
        if (overdue)
        {
            OverdueAlertRevision = Revision;
        }
        else
        {
            DueAlertRevision = Revision;
        }
    }

    /// <summary>Whether the due (or overdue) alert of the current revision has gone out.</summary>
    public bool HasSentAlert(bool overdue) => (overdue ? OverdueAlertRevision : DueAlertRevision) == Revision;

    private void EnsurePlanned()
    {
        if (!IsPlanned)
        {
            throw new InvalidOperationException($"The activity is {Status}, not planned.");
        }
    }
}

/// <summary>A quote (报价) on an opportunity; many per opportunity.</summary>
internal sealed class Quote
{
    private Quote()
    {
    }

    public Quote(Guid id, Guid opportunityId, decimal amount, string? note, Guid createdById, DateTimeOffset createdAt)
    {
        Id = id;
        OpportunityId = opportunityId;
        Amount = amount;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CreatedById = createdById;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid OpportunityId { get; private set; }

    public decimal Amount { get; private set; }

    public string? Note { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>A competitor met on an opportunity: a name and an optional link to its profile.</summary>
internal sealed class OpportunityCompetitor
{
    private OpportunityCompetitor()
    {
    }

    public OpportunityCompetitor(Guid id, Guid opportunityId, string name, string? link, string? notes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        OpportunityId = opportunityId;
        Name = name.Trim();
        Link = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    public Guid Id { get; private set; }

    public Guid OpportunityId { get; private set; }

    public string Name { get; private set; } = null!;

    public string? Link { get; private set; }

    public string? Notes { get; private set; }
}

/// <summary>
/// One step of an opportunity's advancement (商机进程推进): from and to stage, the summary, who and when, and the
/// time spent in the stage left. A closing record has <see cref="Result"/> won or lost.
/// </summary>
internal sealed class StageRecord
{
    private StageRecord()
    {
    }

    public StageRecord(
        Guid id, Guid opportunityId, Guid fromStageId, Guid toStageId, OpportunityStatus? result, string summary, Guid byId,
        DateTimeOffset enteredFromAt, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        Id = id;
        OpportunityId = opportunityId;
        FromStageId = fromStageId;
        ToStageId = toStageId;
        Result = result;
        Summary = summary.Trim();
        ById = byId;
        FromStageEnteredAt = enteredFromAt;
        At = at;
        SecondsInStage = (long)Math.Max(0, (at - enteredFromAt).TotalSeconds);
    }

    public Guid Id { get; private set; }

    public Guid OpportunityId { get; private set; }

    public Guid FromStageId { get; private set; }

    public Guid ToStageId { get; private set; }

    public OpportunityStatus? Result { get; private set; }

    public string Summary { get; private set; } = null!;

    public Guid ById { get; private set; }

    /// <summary>When the opportunity had entered the stage it left.</summary>
    public DateTimeOffset FromStageEnteredAt { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Time spent in the stage left, in whole seconds.</summary>
    public long SecondsInStage { get; private set; }
}
