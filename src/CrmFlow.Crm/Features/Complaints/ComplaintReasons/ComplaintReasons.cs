using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Complaints.ComplaintReasons;

public sealed record ComplaintReasonView(Guid Id, string Code, string Name, bool IsActive);

/// <summary>The complaint reasons master data (active first, by code).</summary>
public sealed record ListComplaintReasonsQuery(bool IncludeInactive = false) : IQuery<IReadOnlyList<ComplaintReasonView>>;

internal sealed class ListComplaintReasonsHandler(CrmDbContext db) : IQueryHandler<ListComplaintReasonsQuery, IReadOnlyList<ComplaintReasonView>>
{
    public async ValueTask<IReadOnlyList<ComplaintReasonView>> Handle(ListComplaintReasonsQuery query, CancellationToken cancellationToken) =>
        await db.ComplaintReasons.AsNoTracking().Where(r => query.IncludeInactive || r.IsActive).OrderBy(r => r.Code)
            .Select(r => new ComplaintReasonView(r.Id, r.Code, r.Name, r.IsActive)).ToListAsync(cancellationToken);
}

/// <summary>Adds a reason (administrators); codes are unique, upper case.</summary>
public sealed record CreateComplaintReasonCommand(string Code, string Name) : ICommand<Result<ComplaintReasonView>>;

internal sealed class CreateComplaintReasonValidator : AbstractValidator<CreateComplaintReasonCommand>
{
    public CreateComplaintReasonValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(32).Matches("^[A-Za-z0-9_-]+$");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(128);
    }
}

internal sealed class CreateComplaintReasonHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<CreateComplaintReasonCommand, Result<ComplaintReasonView>>
{
    public async ValueTask<Result<ComplaintReasonView>> Handle(CreateComplaintReasonCommand command, CancellationToken cancellationToken)
    {
        var code = command.Code.Trim().ToUpperInvariant();
        if (await db.ComplaintReasons.AnyAsync(r => r.Code == code, cancellationToken))
        {
            return Result<ComplaintReasonView>.Refused("complaint_reason.duplicate_code", $"A reason with the code '{code}' exists.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["code"] = [$"A reason with the code '{code}' exists."] });
        }

        var reason = new ComplaintReason(Guid.CreateVersion7(time.GetUtcNow()), code, command.Name);
        db.ComplaintReasons.Add(reason);
        await db.SaveChangesAsync(cancellationToken);
        return Result<ComplaintReasonView>.Ok(new ComplaintReasonView(reason.Id, reason.Code, reason.Name, reason.IsActive));
    }
}
