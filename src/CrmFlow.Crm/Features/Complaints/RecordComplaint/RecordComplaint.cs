using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Features.Complaints.RecordComplaint;

/// <summary>
/// Records a complaint and starts its workflow. Integrations speak business codes: the customer's code and the
/// reason's code; the contact is matched by name among the customer's contacts (kept as text when unknown).
/// Every code and field is validated before anything is written (400 naming the field).
/// </summary>
public sealed record RecordComplaintCommand(
    string CustomerCode,
    string? ContactName,
    string ReasonCode,
    ComplaintTargetType? TargetType,
    string TargetName,
    string Details,
    string? Channel,
    DateTimeOffset? ReceivedAt = null) : ICommand<RecordedComplaint>;

public sealed record RecordedComplaint(Guid ComplaintId, string WorkflowInstanceId);

internal sealed class RecordComplaintValidator : AbstractValidator<RecordComplaintCommand>
{
    public RecordComplaintValidator(CrmDbContext db, ICurrentUser user)
    {
        RuleFor(c => c.CustomerCode).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(32)
            .MustAsync(async (code, ct) => await Customers(db, user).AnyAsync(c => c.Code == code.Trim(), ct))
            .WithMessage(c => $"No customer has the code '{c.CustomerCode}'.");
        RuleFor(c => c.ReasonCode).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(32)
            .MustAsync(async (code, ct) => await db.ComplaintReasons.AnyAsync(r => r.IsActive && r.Code == code.Trim().ToUpperInvariant(), ct))
            .WithMessage(c => $"No active complaint reason has the code '{c.ReasonCode}'.");
        RuleFor(c => c.TargetType).NotNull().IsInEnum();
        RuleFor(c => c.TargetName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Details).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.ContactName).MaximumLength(128);
        RuleFor(c => c.Channel).MaximumLength(64);
    }

    /// <summary>People record complaints only for customers they may read; integration clients by code.</summary>
    internal static IQueryable<Domain.Customers.Customer> Customers(CrmDbContext db, ICurrentUser user) =>
        user.IsUser ? db.Customers.VisibleTo(user, Access.Read) : db.Customers;
}

internal sealed class RecordComplaintHandler(
    CrmDbContext db, ICurrentUser user, IWorkflowRuntime runtime, IOptions<ComplaintsOptions> options, TimeProvider time)
    : ICommandHandler<RecordComplaintCommand, RecordedComplaint>
{
    public async ValueTask<RecordedComplaint> Handle(RecordComplaintCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var customerCode = command.CustomerCode.Trim();
        var customerId = await RecordComplaintValidator.Customers(db, user).Where(c => c.Code == customerCode).Select(c => c.Id).SingleAsync(cancellationToken);
        var reasonCode = command.ReasonCode.Trim().ToUpperInvariant();
        var reasonId = await db.ComplaintReasons.Where(r => r.Code == reasonCode).Select(r => r.Id).SingleAsync(cancellationToken);
        var contactName = string.IsNullOrWhiteSpace(command.ContactName) ? null : command.ContactName.Trim();
        var contactId = contactName is null
            ? null
            : await db.Contacts.Where(c => c.CustomerId == customerId && c.Name == contactName).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);

        // The instance id is fixed before the complaint is saved, so the two always point at each other.
        var complaintId = Guid.CreateVersion7(now);
        var instanceId = Guid.CreateVersion7(now).ToString("N");
        var complaint = new Complaint(complaintId, customerId, contactId, contactName, command.TargetType!.Value, command.TargetName,
            reasonId, command.Details, command.Channel, command.ReceivedAt ?? now, user.IsUser ? user.Id : null, instanceId);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(cancellationToken);

        await runtime.StartAsync(new StartWorkflowRequest(options.Value.WorkflowDefinitionId)
        {
            InstanceId = instanceId,
            CorrelationId = complaintId.ToString(),
            Input = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ComplaintId"] = complaintId.ToString() },
        }, cancellationToken);
        return new RecordedComplaint(complaintId, instanceId);
    }
}
