using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Features.Complaints.RecordFollowUp;

/// <summary>The supervisor's follow-up visit (回访): satisfied closes the complaint, unsatisfied sends it back to the handler.</summary>
public sealed record RecordFollowUpCommand(Guid ComplaintId, Guid SupervisorId, bool Satisfied, string? SupervisionResult) : ICommand<Result<FollowUpRecorded>>;

public sealed record FollowUpRecorded(bool Closed, DateTimeOffset? HandlingDueAt, Guid? HandlerId);

internal sealed class RecordFollowUpValidator : AbstractValidator<RecordFollowUpCommand>
{
    public RecordFollowUpValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.SupervisorId).NotEmpty();
        RuleFor(c => c.SupervisionResult).MaximumLength(4000);
    }
}

internal sealed class RecordFollowUpHandler(CrmDbContext db, IOptions<ComplaintsOptions> options, TimeProvider time)
    : ICommandHandler<RecordFollowUpCommand, Result<FollowUpRecorded>>
{
    public async ValueTask<Result<FollowUpRecorded>> Handle(RecordFollowUpCommand command, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken);
        if (complaint is null)
        {
            return Result<FollowUpRecorded>.NotFound();
        }

        var now = time.GetUtcNow();
        var handlingDueAt = now.AddHours(options.Value.HandleHours);
        var closed = complaint.RecordFollowUp(command.SupervisorId, command.Satisfied, command.SupervisionResult, now, handlingDueAt);
        await db.SaveChangesAsync(cancellationToken);
        return Result<FollowUpRecorded>.Ok(new FollowUpRecorded(closed, closed ? null : handlingDueAt, complaint.HandlerId));
    }
}
