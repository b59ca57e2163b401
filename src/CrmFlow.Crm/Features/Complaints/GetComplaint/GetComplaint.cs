using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Complaints.GetComplaint;

/// <summary>One complaint (its customer must be readable) with its current step and its timeline from the flow journal.</summary>
public sealed record GetComplaintQuery(Guid Id) : IQuery<Result<ComplaintDetails>>;

public sealed record ComplaintTimelineEntry(DateTimeOffset At, string Event, string ActivityId, string ActivityType, string? ActivityName, IReadOnlyList<string> Outcomes);

public sealed record ComplaintStep(string TaskId, string Title, string? Assignee, string? AssigneeName, DateTimeOffset? DueAt, bool IsOverdue);

public sealed record ComplaintDetails(
    Guid Id,
    Guid CustomerId,
    string CustomerCode,
    string CustomerName,
    string? ContactName,
    ComplaintTargetType TargetType,
    string TargetName,
    string ReasonCode,
    string ReasonName,
    string Details,
    string? Channel,
    DateTimeOffset ReceivedAt,
    ComplaintStatus Status,
    string? SupervisorName,
    string? HandlerName,
    string? HandlingResult,
    int HandlingRounds,
    bool? CustomerSatisfied,
    string? SupervisionResult,
    bool IsOverdue,
    DateTimeOffset? StepDueAt,
    DateTimeOffset? ClosedAt,
    string WorkflowInstanceId,
    string? WorkflowStatus,
    IReadOnlyList<ComplaintStep> CurrentSteps,
    IReadOnlyList<ComplaintTimelineEntry> Timeline);

internal sealed class GetComplaintHandler(CrmDbContext db, ICurrentUser user, IWorkflowInstanceStore instances, IUserTaskStore tasks)
    : IQueryHandler<GetComplaintQuery, Result<ComplaintDetails>>
{
    public async ValueTask<Result<ComplaintDetails>> Handle(GetComplaintQuery query, CancellationToken cancellationToken)
    {
        var visible = db.Customers.VisibleTo(user, Access.Read);
        var c = await db.Complaints.AsNoTracking()
            .Where(x => x.Id == query.Id)
            .Join(visible, x => x.CustomerId, cu => cu.Id, (x, cu) => new { Complaint = x, cu.Code, cu.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return Result<ComplaintDetails>.NotFound();
        }

        var complaint = c.Complaint;
        var reason = await db.ComplaintReasons.AsNoTracking().Where(r => r.Id == complaint.ReasonId).Select(r => new { r.Code, r.Name }).FirstAsync(cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => u.Id == complaint.SupervisorId || u.Id == complaint.HandlerId)
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var instance = await instances.FindAsync(complaint.WorkflowInstanceId, cancellationToken);
        var steps = await CurrentStepsAsync(db, tasks, [complaint.WorkflowInstanceId], complaint.IsOverdue, cancellationToken);
        return Result<ComplaintDetails>.Ok(new ComplaintDetails(
            complaint.Id, complaint.CustomerId, c.Code, c.Name, complaint.ContactName, complaint.TargetType, complaint.TargetName,
            reason.Code, reason.Name, complaint.Details, complaint.Channel, complaint.ReceivedAt, complaint.Status,
            complaint.SupervisorId is { } s ? people.GetValueOrDefault(s) : null,
            complaint.HandlerId is { } h ? people.GetValueOrDefault(h) : null,
            complaint.HandlingResult, complaint.HandlingRounds, complaint.CustomerSatisfied, complaint.SupervisionResult,
            complaint.IsOverdue, complaint.StepDueAt, complaint.ClosedAt, complaint.WorkflowInstanceId,
            instance is null ? null : instance.SubStatus.ToString(),
            steps.GetValueOrDefault(complaint.WorkflowInstanceId) ?? [],
            await TimelineAsync(instances, complaint.WorkflowInstanceId, cancellationToken)));
    }

    /// <summary>The flow's journal as a timeline: every step that started, waited, resumed or completed (containers left out).</summary>
    internal static async Task<IReadOnlyList<ComplaintTimelineEntry>> TimelineAsync(IWorkflowInstanceStore instances, string instanceId, CancellationToken cancellationToken)
    {
        var journal = await instances.ListJournalAsync(instanceId, new PageArgs(0, 1000), cancellationToken);
        return [.. journal.Items
            .Where(j => j.ActivityType != "Elsa.Flowchart" && j.EventName is "Completed" or "Suspended" or "Resumed" or "Faulted")
            .Select(j => new ComplaintTimelineEntry(j.Timestamp, j.EventName, j.ActivityId, j.ActivityType, j.ActivityName,
                j.Payload?["outcomes"] is System.Text.Json.Nodes.JsonArray a ? [.. a.Select(o => o?.ToString() ?? string.Empty)] : []))];
    }

    /// <summary>The open tasks of the given instances, by instance.</summary>
    internal static async Task<Dictionary<string, IReadOnlyList<ComplaintStep>>> CurrentStepsAsync(
        CrmDbContext db, IUserTaskStore tasks, IReadOnlyCollection<string> instanceIds, bool complaintOverdue, CancellationToken cancellationToken)
    {
        var open = await tasks.ListOpenByInstancesAsync(instanceIds, cancellationToken);
        var ids = open.Select(t => Guid.TryParse(t.Assignee, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id.ToString(), u => u.DisplayName, cancellationToken);
        return open.GroupBy(t => t.WorkflowInstanceId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<ComplaintStep>)[.. g.Select(t => new ComplaintStep(t.Id, t.Spec.Title, t.Assignee,
                t.Assignee is null ? null : names.GetValueOrDefault(t.Assignee), t.Spec.DueAt, t.Spec.EscalatedAt is not null || complaintOverdue))],
            StringComparer.Ordinal);
    }
}
