using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.CreateCustomer;

/// <summary>
/// Creates a customer or prospect. The creating user is granted read and write on it (otherwise they could
/// not see what they just created); the owner, if given, is <em>not</em> granted anything.
/// </summary>
public sealed record CreateCustomerCommand(
    string Code, string Name, CustomerKind Kind, string? Industry, string? Region, Guid? OwnerId) : ICommand<Result<CustomerCreated>>;

public sealed record CustomerCreated(Guid Id, string Code);

/// <summary>Stable refusal codes of the customer slices.</summary>
public static class CustomerRefusals
{
    public const string CodeTaken = "customer.code_taken";
    public const string UnknownOwner = "customer.unknown_owner";
    public const string NoWriteAccess = "customer.no_write_access";
    public const string HasLedger = "customer.has_ledger";
    public const string NotAUser = "customer.caller_not_a_user";
}

internal sealed class CreateCustomerValidator : AbstractValidator<CreateCustomerCommand>
{
    public CreateCustomerValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(32).Matches("^[A-Za-z0-9._-]+$")
            .WithMessage("Code may contain only letters, digits, '.', '_' and '-'.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Industry).MaximumLength(64);
        RuleFor(c => c.Region).MaximumLength(64);
    }
}

internal sealed class CreateCustomerHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreateCustomerCommand, Result<CustomerCreated>>
{
    public async ValueTask<Result<CustomerCreated>> Handle(CreateCustomerCommand command, CancellationToken cancellationToken)
    {
        if (!user.IsUser || user.Id is not { } creatorId)
        {
            return Result<CustomerCreated>.Refused(CustomerRefusals.NotAUser, "Only a signed-in user can create customers.");
        }

        var code = command.Code.Trim();
        if (await db.Customers.AnyAsync(c => c.Code == code, cancellationToken))
        {
            // Codes are business keys shared with other systems; saying one is taken reveals nothing else.
            return Result<CustomerCreated>.Refused(CustomerRefusals.CodeTaken, $"Customer code '{code}' is already in use.");
        }

        if (command.OwnerId is { } ownerId && !await OwnerCandidates.ExistsAsync(db, ownerId, cancellationToken))
        {
            return Result<CustomerCreated>.Refused(CustomerRefusals.UnknownOwner, "The owner is not an active user.");
        }

        var now = time.GetUtcNow();
        var customer = new Customer(
            Guid.CreateVersion7(), code, command.Name, command.Kind, command.Industry, command.Region, creatorId, now);
        customer.ChangeOwner(command.OwnerId, now);
        customer.Grant(creatorId, canRead: true, canWrite: true, creatorId, now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return Result<CustomerCreated>.Ok(new CustomerCreated(customer.Id, customer.Code));
    }
}

/// <summary>Who may own customers: any active user.</summary>
internal static class OwnerCandidates
{
    public static Task<bool> ExistsAsync(CrmDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.IsActive, cancellationToken);
}
