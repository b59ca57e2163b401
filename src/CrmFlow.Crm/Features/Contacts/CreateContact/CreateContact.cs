using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Features.Customers.UpdateCustomer;
using FluentValidation;
using Mediator;

namespace CrmFlow.Crm.Features.Contacts.CreateContact;

/// <summary>Adds a contact to a customer the caller may write.</summary>
public sealed record CreateContactCommand(Guid CustomerId, string Name, string? Title, string? Phone, string? Email)
    : ICommand<Result<ContactCreated>>;

public sealed record ContactCreated(Guid Id);

internal sealed class CreateContactValidator : AbstractValidator<CreateContactCommand>
{
    public CreateContactValidator() => ContactValidation.Fields(this, c => c.Name, c => c.Title, c => c.Phone, c => c.Email);
}

internal sealed class CreateContactHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreateContactCommand, Result<ContactCreated>>
{
    public async ValueTask<Result<ContactCreated>> Handle(CreateContactCommand command, CancellationToken cancellationToken)
    {
        var access = await WriteAccess.LoadAsync(db, user, command.CustomerId, cancellationToken);
        if (access.Customer is null)
        {
            return access.Outcome.Cast<ContactCreated>();
        }

        var contact = new Contact(
            Guid.CreateVersion7(), command.CustomerId, command.Name, command.Title, command.Phone, command.Email, time.GetUtcNow());
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        return Result<ContactCreated>.Ok(new ContactCreated(contact.Id));
    }
}
