using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Contacts.CreateContact;
using CrmFlow.Crm.Features.Customers.UpdateCustomer;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Contacts.UpdateContact;

public sealed record UpdateContactCommand(Guid Id, string Name, string? Title, string? Phone, string? Email) : ICommand<Result<Done>>;

internal sealed class UpdateContactValidator : AbstractValidator<UpdateContactCommand>
{
    public UpdateContactValidator() => ContactValidation.Fields(this, c => c.Name, c => c.Title, c => c.Phone, c => c.Email);
}

internal sealed class UpdateContactHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<UpdateContactCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(UpdateContactCommand command, CancellationToken cancellationToken)
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

        contact.Update(command.Name, command.Title, command.Phone, command.Email, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
