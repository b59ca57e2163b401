using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Features.Complaints.GetComplaint;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Complaints.ListOpenComplaints;

/// <summary>The supervisor's board: every open complaint (of customers the caller may read) with its current step, assignee, due time and overdue flag.</summary>
public sealed record ListOpenComplaintsQuery(Guid? CustomerId = null, bool IncludeClosed = false) : IQuery<IReadOnlyList<ComplaintBoardRow>>;

public sealed record ComplaintBoardRow(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string ReasonName,
    string TargetName,
    ComplaintStatus Status,
    DateTimeOffset ReceivedAt,
    string? CurrentStep,
    string? Assignee,
    string? AssigneeName,
    DateTimeOffset? DueAt,
    bool IsOverdue,
    string WorkflowInstanceId);

internal sealed class ListOpenComplaintsHandler(CrmDbContext db, ICurrentUser user, IUserTaskStore tasks, TimeProvider time)
    : IQueryHandler<ListOpenComplaintsQuery, IReadOnlyList<ComplaintBoardRow>>
{
    public async ValueTask<IReadOnlyList<ComplaintBoardRow>> Handle(ListOpenComplaintsQuery query, CancellationToken cancellationToken)
    {
        var visible = db.Customers.VisibleTo(user, Access.Read);
        var complaints = db.Complaints.AsNoTracking().Where(c => query.IncludeClosed || c.Status != ComplaintStatus.Closed);
        if (query.CustomerId is { } customerId)
        {
            complaints = complaints.Where(c => c.CustomerId == customerId);
        }

        var rows = await complaints
            .Join(visible, c => c.CustomerId, cu => cu.Id, (c, cu) => new { c, CustomerName = cu.Name })
            .Join(db.ComplaintReasons, x => x.c.ReasonId, r => r.Id, (x, r) => new { x.c, x.CustomerName, ReasonName = r.Name })
            .OrderBy(x => x.c.ReceivedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var steps = await GetComplaintHandler.CurrentStepsAsync(db, tasks, [.. rows.Select(r => r.c.WorkflowInstanceId)], false, cancellationToken);
        var now = time.GetUtcNow();
        return [.. rows.Select(r =>
        {
            var step = steps.GetValueOrDefault(r.c.WorkflowInstanceId) is { Count: > 0 } current ? current[0] : null;
            var due = step?.DueAt ?? r.c.StepDueAt;
            return new ComplaintBoardRow(r.c.Id, r.c.CustomerId, r.CustomerName, r.ReasonName, r.c.TargetName, r.c.Status, r.c.ReceivedAt,
                step?.Title, step?.Assignee, step?.AssigneeName, due,
                r.c.Status != ComplaintStatus.Closed && (r.c.IsOverdue || (due is { } d && d <= now)), r.c.WorkflowInstanceId);
        })];
    }
}
