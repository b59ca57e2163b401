using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Intents.CreateIntent;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Intents.AddIntentTouch;

/// <summary>Records a contact made against an open intent (call, visit, e-mail…), optionally with one of the customer's contacts.</summary>
public sealed record AddIntentTouchCommand(Guid IntentId, Guid? ContactId, string Channel, string Summary, DateTimeOffset? At)
    : ICommand<Result<TouchAdded>>;

public sealed record TouchAdded(Guid Id);

internal sealed class AddIntentTouchValidator : AbstractValidator<AddIntentTouchCommand>
{
    public AddIntentTouchValidator()
    {
        RuleFor(c => c.Channel).NotEmpty().MaximumLength(32);
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(2000);
    }
}

internal sealed class AddIntentTouchHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<AddIntentTouchCommand, Result<TouchAdded>>
{
    public async ValueTask<Result<TouchAdded>> Handle(AddIntentTouchCommand command, CancellationToken cancellationToken)
    {
        var writable = db.Customers.VisibleTo(user, Access.Write).Select(c => c.Id);
        var intent = await db.Intents.Include(i => i.Touches)
            .SingleOrDefaultAsync(i => i.Id == command.IntentId && writable.Contains(i.CustomerId), cancellationToken);
        if (intent is null)
        {
            return Result<TouchAdded>.NotFound();
        }

        if (intent.Status != IntentStatus.Open)
        {
            return Result<TouchAdded>.Refused(IntentRefusals.NotOpen, "Touches are recorded on open intents only.");
        }

        if (command.ContactId is { } contactId
            && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.CustomerId == intent.CustomerId, cancellationToken))
        {
            return Result<TouchAdded>.Refused(
                "intent.unknown_contact", "The contact is not one of the intent's customer's contacts.",
                new Dictionary<string, string[]> { ["ContactId"] = ["Not a contact of this customer."] });
        }

        var touch = intent.AddTouch(Guid.CreateVersion7(), command.ContactId, command.Channel, command.Summary, command.At ?? time.GetUtcNow());
        db.IntentTouches.Add(touch);
        await db.SaveChangesAsync(cancellationToken);
        return Result<TouchAdded>.Ok(new TouchAdded(touch.Id));
    }
}
