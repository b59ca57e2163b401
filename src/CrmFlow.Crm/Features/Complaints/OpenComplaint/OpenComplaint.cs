using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Features.Complaints.OpenComplaint;

/// <summary>
/// The flow's first step: the recorded complaint now waits for a supervisor. Returns what the next steps need
/// (customer, the active supervisors, the due time of the assignment). Idempotent: a replay changes nothing.
/// </summary>
public sealed record OpenComplaintCommand(Guid ComplaintId) : ICommand<Result<OpenedComplaint>>;

public sealed record OpenedComplaint(Guid ComplaintId, Guid CustomerId, IReadOnlyList<Guid> SupervisorIds, DateTimeOffset DueAt);

internal sealed class OpenComplaintValidator : AbstractValidator<OpenComplaintCommand>
{
    public OpenComplaintValidator() => RuleFor(c => c.ComplaintId).NotEmpty();
}

internal sealed class OpenComplaintHandler(CrmDbContext db, IOptions<ComplaintsOptions> options, TimeProvider time)
    : ICommandHandler<OpenComplaintCommand, Result<OpenedComplaint>>
{
    public async ValueTask<Result<OpenedComplaint>> Handle(OpenComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken);
        if (complaint is null)
        {
            return Result<OpenedComplaint>.NotFound();
        }

        var dueAt = time.GetUtcNow().AddHours(options.Value.AssignHandlerHours);
        complaint.Open(dueAt);
        await db.SaveChangesAsync(cancellationToken);
        var supervisors = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Roles.Any(r => r.Role == CrmRoles.ComplaintSupervisor))
            .OrderBy(u => u.UserName)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        return Result<OpenedComplaint>.Ok(new OpenedComplaint(complaint.Id, complaint.CustomerId, supervisors, complaint.StepDueAt ?? dueAt));
    }
}
