using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.AllocateCustomers;

/// <summary>The three allocation operations of 客户资源分配.</summary>
public enum AllocationMode
{
    /// <summary>自拓: owner := the employee who created the record.</summary>
    SelfDeveloped,

    /// <summary>选择分配: owner := <see cref="AllocateCustomersCommand.OwnerId"/>.</summary>
    Assign,

    /// <summary>资源回收: owner := none.</summary>
    Reclaim,
}

/// <summary>Allocates a selection of customers. Changes owners only: it never grants data permission.</summary>
public sealed record AllocateCustomersCommand(IReadOnlyList<Guid> CustomerIds, AllocationMode Mode, Guid? OwnerId = null)
    : ICommand<Result<AllocationResult>>;

public sealed record AllocationResult(int Allocated);

internal sealed class AllocateCustomersValidator : AbstractValidator<AllocateCustomersCommand>
{
    public AllocateCustomersValidator()
    {
        RuleFor(c => c.CustomerIds).NotEmpty().Must(ids => ids is null || ids.Count <= 500)
            .WithMessage("At most 500 customers per allocation.");
        RuleFor(c => c.Mode).IsInEnum();
        RuleFor(c => c.OwnerId).NotEmpty().When(c => c.Mode == AllocationMode.Assign)
            .WithMessage("An owner is required to assign.");
        RuleFor(c => c.OwnerId).Null().When(c => c.Mode != AllocationMode.Assign)
            .WithMessage("An owner is only given to assign.");
    }
}

internal sealed class AllocateCustomersHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<AllocateCustomersCommand, Result<AllocationResult>>
{
    public async ValueTask<Result<AllocationResult>> Handle(AllocateCustomersCommand command, CancellationToken cancellationToken)
    {
        var ids = command.CustomerIds.Distinct().ToList();
        var customers = await db.Customers.VisibleTo(user, Access.Write)
            .Where(c => ids.Contains(c.Id))
            .ToListAsync(cancellationToken);
        if (customers.Count != ids.Count)
        {
            // All or nothing; which ones are missing is not said (some may exist but be invisible).
            return Result<AllocationResult>.NotFound();
        }

        if (command.Mode == AllocationMode.Assign
            && !await OwnerCandidates.ExistsAsync(db, command.OwnerId!.Value, cancellationToken))
        {
            return Result<AllocationResult>.Refused(CustomerRefusals.UnknownOwner, "The owner is not an active user.");
        }

        var now = time.GetUtcNow();
        foreach (var customer in customers)
        {
            switch (command.Mode)
            {
                case AllocationMode.SelfDeveloped:
                    customer.MarkSelfDeveloped(now);
                    break;
                case AllocationMode.Assign:
                    customer.AssignTo(command.OwnerId!.Value, now);
                    break;
                default:
                    customer.Reclaim(now);
                    break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result<AllocationResult>.Ok(new AllocationResult(customers.Count));
    }
}
