using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Features.Complaints.AssignComplaint;

/// <summary>
/// The supervisor assigns a handler. Both must be able to read the customer (permission verification, DOMAIN §2):
/// a handler without rights is refused with the reason (<c>complaint.handler_lacks_access</c>); nothing is granted.
/// </summary>
public sealed record AssignComplaintCommand(Guid ComplaintId, Guid SupervisorId, Guid HandlerId) : ICommand<Result<AssignedComplaint>>;

public sealed record AssignedComplaint(Guid HandlerId, DateTimeOffset DueAt);

internal sealed class AssignComplaintValidator : AbstractValidator<AssignComplaintCommand>
{
    public AssignComplaintValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.SupervisorId).NotEmpty();
        RuleFor(c => c.HandlerId).NotEmpty();
    }
}

internal sealed class AssignComplaintHandler(CrmDbContext db, ISender sender, IOptions<ComplaintsOptions> options, TimeProvider time)
    : ICommandHandler<AssignComplaintCommand, Result<AssignedComplaint>>
{
    public const string HandlerLacksAccess = "complaint.handler_lacks_access";
    public const string NotAHandler = "complaint.not_a_handler";

    public async ValueTask<Result<AssignedComplaint>> Handle(AssignComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken);
        if (complaint is null)
        {
            return Result<AssignedComplaint>.NotFound();
        }

        var handler = await db.Users.AsNoTracking().Where(u => u.Id == command.HandlerId && u.IsActive)
            .Select(u => new { u.DisplayName, IsHandler = u.Roles.Any(r => r.Role == CrmRoles.ComplaintHandler || r.Role == CrmRoles.ComplaintSupervisor) })
            .FirstOrDefaultAsync(cancellationToken);
        if (handler is null || !handler.IsHandler)
        {
            return Result<AssignedComplaint>.Refused(NotAHandler, "The chosen user is not an active complaint handler.");
        }

        var report = await sender.Send(new CheckCustomerAccessQuery(complaint.CustomerId, [command.HandlerId]), cancellationToken);
        if (report.UsersWithoutAccess.Count > 0)
        {
            return Result<AssignedComplaint>.Refused(HandlerLacksAccess,
                $"{handler.DisplayName} has no permission on this complaint's customer; grant read access first or choose another handler.");
        }

        var dueAt = time.GetUtcNow().AddHours(options.Value.HandleHours);
        complaint.Assign(command.SupervisorId, command.HandlerId, dueAt);
        await db.SaveChangesAsync(cancellationToken);
        return Result<AssignedComplaint>.Ok(new AssignedComplaint(command.HandlerId, dueAt));
    }
}
