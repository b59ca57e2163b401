using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Features.Complaints.RecordHandlingResult;

/// <summary>The handler records the handling result; the complaint then waits for the supervisor's follow-up visit.</summary>
public sealed record RecordHandlingResultCommand(Guid ComplaintId, Guid HandlerId, string Result) : ICommand<Result<HandlingRecorded>>;

public sealed record HandlingRecorded(DateTimeOffset FollowUpDueAt, Guid? SupervisorId);

internal sealed class RecordHandlingResultValidator : AbstractValidator<RecordHandlingResultCommand>
{
    public RecordHandlingResultValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Result).NotEmpty().MaximumLength(4000);
    }
}

internal sealed class RecordHandlingResultHandler(CrmDbContext db, IOptions<ComplaintsOptions> options, TimeProvider time)
    : ICommandHandler<RecordHandlingResultCommand, Result<HandlingRecorded>>
{
    public async ValueTask<Result<HandlingRecorded>> Handle(RecordHandlingResultCommand command, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken);
        if (complaint is null)
        {
            return Result<HandlingRecorded>.NotFound();
        }

        var dueAt = time.GetUtcNow().AddHours(options.Value.FollowUpHours);
        complaint.RecordHandling(command.Result, dueAt);
        await db.SaveChangesAsync(cancellationToken);
        return Result<HandlingRecorded>.Ok(new HandlingRecorded(dueAt, complaint.SupervisorId));
    }
}
