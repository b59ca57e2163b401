using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Customers.UpdateCustomer;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.DeleteCustomer;

/// <summary>Deletes a customer with its contacts and grants; refused once ledger rows reference it.</summary>
public sealed record DeleteCustomerCommand(Guid Id, CustomerKind? Kind = null) : ICommand<Result<Done>>;

internal sealed class DeleteCustomerHandler(CrmDbContext db, ICurrentUser user) : ICommandHandler<DeleteCustomerCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeleteCustomerCommand command, CancellationToken cancellationToken)
    {
        var access = await WriteAccess.LoadAsync(db, user, command.Id, cancellationToken, command.Kind);
        if (access.Customer is not { } customer)
        {
            return access.Outcome;
        }

        if (await db.LedgerEntries.AnyAsync(e => e.CustomerId == customer.Id, cancellationToken))
        {
            return Result<Done>.Refused(CustomerRefusals.HasLedger, "The customer has ledger records and cannot be deleted.");
        }

        db.Customers.Remove(customer);
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
