using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Customers.UpdateCustomer;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Contacts.DeleteContact;

public sealed record DeleteContactCommand(Guid Id) : ICommand<Result<Done>>;

internal sealed class DeleteContactHandler(CrmDbContext db, ICurrentUser user) : ICommandHandler<DeleteContactCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeleteContactCommand command, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(ct => ct.Id == command.Id, cancellationToken);
        if (contact is null)
        {
            return Result<Done>.NotFound();
        }

        var access = await WriteAccess.LoadAsync(db, user, contact.CustomerId, cancellationToken);
        if (access.Customer is null)
        {
            return access.Outcome;
        }

        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
