using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.UpdateCustomer;

/// <summary>Edits name, industry, region and owner (the code is an immutable business key). Needs write access.</summary>
public sealed record UpdateCustomerCommand(Guid Id, string Name, string? Industry, string? Region, Guid? OwnerId, CustomerKind? Kind = null)
    : ICommand<Result<Done>>;

internal sealed class UpdateCustomerValidator : AbstractValidator<UpdateCustomerCommand>
{
    public UpdateCustomerValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Industry).MaximumLength(64);
        RuleFor(c => c.Region).MaximumLength(64);
    }
}

internal sealed class UpdateCustomerHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<UpdateCustomerCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(UpdateCustomerCommand command, CancellationToken cancellationToken)
    {
        var access = await WriteAccess.LoadAsync(db, user, command.Id, cancellationToken, command.Kind);
        if (access.Customer is not { } customer)
        {
            return access.Outcome;
        }

        if (command.OwnerId is { } ownerId && ownerId != customer.OwnerId
            && !await OwnerCandidates.ExistsAsync(db, ownerId, cancellationToken))
        {
            return Result<Done>.Refused(CustomerRefusals.UnknownOwner, "The owner is not an active user.");
        }

        var now = time.GetUtcNow();
        customer.Describe(command.Name, command.Industry, command.Region, now);
        customer.ChangeOwner(command.OwnerId, now);
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}

/// <summary>Loads a customer for writing: 404 when the caller cannot read it, 403 when they can read but not write.</summary>
internal static class WriteAccess
{
    public static async Task<(Domain.Customers.Customer? Customer, Result<Done> Outcome)> LoadAsync(
        CrmDbContext db, ICurrentUser user, Guid customerId, CancellationToken cancellationToken, CustomerKind? kind = null)
    {
        var candidates = db.Customers.Where(c => kind == null || c.Kind == kind);
        var customer = await candidates.VisibleTo(user, Access.Write)
            .SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is not null)
        {
            return (customer, Result<Done>.Ok(default));
        }

        var readable = await candidates.VisibleTo(user, Access.Read).AnyAsync(c => c.Id == customerId, cancellationToken);
        return (null, readable
            ? Result<Done>.Forbidden(CustomerRefusals.NoWriteAccess, "You may read this customer but not change it.")
            : Result<Done>.NotFound());
    }
}
