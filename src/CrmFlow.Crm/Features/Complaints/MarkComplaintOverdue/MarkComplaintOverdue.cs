using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Complaints.MarkComplaintOverdue;

/// <summary>
/// Escalation: a complaint step's task passed its due time. Marks the complaint overdue and notifies its
/// supervisor (or every active supervisor while none is assigned). A second escalation of the same step notifies once.
/// </summary>
public sealed record MarkComplaintOverdueCommand(string WorkflowInstanceId, string TaskTitle, DateTimeOffset At) : ICommand<bool>;

internal sealed class MarkComplaintOverdueHandler(CrmDbContext db) : ICommandHandler<MarkComplaintOverdueCommand, bool>
{
    public async ValueTask<bool> Handle(MarkComplaintOverdueCommand command, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.WorkflowInstanceId == command.WorkflowInstanceId, cancellationToken);
        if (complaint is null || complaint.Status == ComplaintStatus.Closed)
        {
            return false;
        }

        var wasOverdue = complaint.IsOverdue;
        complaint.MarkOverdue(command.At);
        if (!wasOverdue)
        {
            var supervisors = complaint.SupervisorId is { } supervisorId
                ? [supervisorId]
                : await db.Users.Where(u => u.IsActive && u.Roles.Any(r => r.Role == CrmRoles.ComplaintSupervisor)).Select(u => u.Id).ToListAsync(cancellationToken);
            foreach (var userId in supervisors)
            {
                db.Notifications.Add(new Notification(Guid.CreateVersion7(command.At), userId, "ComplaintOverdue",
                    $"Complaint step \"{command.TaskTitle}\" is overdue.", complaint.Id.ToString(), command.At, $"/complaints?id={complaint.Id}"));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>The CRM's answer to an overdue user task: complaint flows get marked overdue and their supervisor notified.</summary>
internal sealed class ComplaintTaskEscalationHandler(ISender sender) : Workflows.Runtime.IUserTaskEscalationHandler
{
    public async ValueTask OnOverdueAsync(Workflows.Runtime.UserTaskEscalation escalation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        await sender.Send(new MarkComplaintOverdueCommand(escalation.WorkflowInstanceId, escalation.Spec.Title, escalation.At), cancellationToken);
    }
}
