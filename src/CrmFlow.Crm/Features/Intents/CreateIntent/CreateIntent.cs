using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Intents.CreateIntent;

/// <summary>Records an intent (意向) on a customer or prospect the caller may write.</summary>
public sealed record CreateIntentCommand(Guid CustomerId, string Product, string? Source, string? Description) : ICommand<Result<IntentCreated>>;

public sealed record IntentCreated(Guid Id);

public static class IntentRefusals
{
    public const string NotOpen = "intent.not_open";
    public const string CreatorNotAUser = "intent.creator_not_a_user";
}

internal sealed class CreateIntentValidator : AbstractValidator<CreateIntentCommand>
{
    public CreateIntentValidator()
    {
        RuleFor(c => c.CustomerId).NotEmpty();
        RuleFor(c => c.Product).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Source).MaximumLength(128);
        RuleFor(c => c.Description).MaximumLength(2000);
    }
}

internal sealed class CreateIntentHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreateIntentCommand, Result<IntentCreated>>
{
    public async ValueTask<Result<IntentCreated>> Handle(CreateIntentCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Customers.VisibleTo(user, Access.Write).AnyAsync(c => c.Id == command.CustomerId, cancellationToken))
        {
            return Result<IntentCreated>.NotFound();
        }

        if (!user.IsUser || user.Id is not { } userId)
        {
            return Result<IntentCreated>.Refused(IntentRefusals.CreatorNotAUser, "Only a signed-in user records intents.");
        }

        var intent = new Intent(Guid.CreateVersion7(), command.CustomerId, command.Product, command.Source, command.Description, userId, time.GetUtcNow());
        db.Intents.Add(intent);
        await db.SaveChangesAsync(cancellationToken);
        return Result<IntentCreated>.Ok(new IntentCreated(intent.Id));
    }
}
