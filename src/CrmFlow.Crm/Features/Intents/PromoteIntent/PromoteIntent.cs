using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Intents.PromoteIntent;

/// <summary>
/// What the promotion needs beyond the intent (the opportunity entry screen): sales mode (required), its first stage
/// unless another is named, name and products (default: the intent's product), expected amount and close date, and the
/// owner (default: the customer owner).
/// </summary>
public sealed record PromotionRequest(
    Guid SalesModeId,
    decimal ExpectedAmount,
    DateOnly ExpectedCloseDate,
    Guid? StageId = null,
    string? Name = null,
    string? Products = null,
    Guid? OwnerId = null);

/// <summary>
/// Confirms an intent can be promoted with <paramref name="Request"/> and resolves the plan: the customer, whether it is
/// still a prospect, the owner and the stage. Changes nothing (the first step of <c>intent-promotion</c>).
/// </summary>
public sealed record ConfirmIntentPromotionQuery(Guid IntentId, PromotionRequest Request) : IQuery<Result<PromotionPlan>>;

public sealed record PromotionPlan(Guid IntentId, Guid CustomerId, bool CustomerIsProspect, Guid OwnerId, Guid SalesModeId, Guid StageId);

/// <summary>
/// The promotion's data change, in ONE transaction (one <c>SaveChanges</c>): the prospect becomes a formal customer
/// (its contacts stay on the record), the opportunity is created, <paramref name="GrantAccessTo"/> (the owner, when the
/// flow's permission check found it lacking) get read/write on the customer, the intent is marked promoted and its
/// touches are linked to the opportunity. Any failure leaves everything as it was.
/// </summary>
public sealed record PromoteIntentCommand(
    Guid IntentId, PromotionRequest Request, IReadOnlyList<Guid> GrantAccessTo, Guid? ActorId) : ICommand<Result<PromotionResult>>;

public sealed record PromotionResult(
    Guid IntentId, Guid OpportunityId, Guid CustomerId, bool CustomerConverted, Guid OwnerId, IReadOnlyList<Guid> GrantedAccessTo, int TouchesLinked);

public static class PromotionRefusals
{
    public const string IntentNotOpen = "promotion.intent_not_open";
    public const string UnknownSalesMode = "promotion.unknown_sales_mode";
    public const string StageNotInMode = "promotion.stage_not_in_mode";
    public const string NoOwner = "promotion.no_owner";
    public const string UnknownOwner = "promotion.unknown_owner";
}

internal sealed class PromotionRequestValidator : AbstractValidator<PromotionRequest>
{
    public PromotionRequestValidator()
    {
        RuleFor(r => r.SalesModeId).NotEmpty();
        RuleFor(r => r.ExpectedAmount).GreaterThanOrEqualTo(0m);
        RuleFor(r => r.ExpectedCloseDate).NotEmpty();
        RuleFor(r => r.Name).MaximumLength(200);
        RuleFor(r => r.Products).MaximumLength(500);
    }
}

internal sealed class ConfirmIntentPromotionValidator : AbstractValidator<ConfirmIntentPromotionQuery>
{
    public ConfirmIntentPromotionValidator()
    {
        RuleFor(q => q.IntentId).NotEmpty();
        RuleFor(q => q.Request).NotNull().SetValidator(new PromotionRequestValidator());
    }
}

internal sealed class PromoteIntentValidator : AbstractValidator<PromoteIntentCommand>
{
    public PromoteIntentValidator()
    {
        RuleFor(c => c.IntentId).NotEmpty();
        RuleFor(c => c.Request).NotNull().SetValidator(new PromotionRequestValidator());
        RuleFor(c => c.GrantAccessTo).NotNull();
    }
}

/// <summary>The rules both steps apply, on tracked or untracked data.</summary>
internal static class PromotionRules
{
    public static async Task<Result<PromotionPlan>> PlanAsync(CrmDbContext db, Intent? intent, Customer? customer, PromotionRequest request, CancellationToken cancellationToken)
    {
        if (intent is null || customer is null)
        {
            return Result<PromotionPlan>.NotFound();
        }

        if (intent.Status != IntentStatus.Open)
        {
            return Result<PromotionPlan>.Refused(PromotionRefusals.IntentNotOpen, $"The intent is {intent.Status}, not open.");
        }

        var stages = await db.SalesStages.AsNoTracking().Where(s => s.SalesModeId == request.SalesModeId)
            .OrderBy(s => s.Order).Select(s => s.Id).ToListAsync(cancellationToken);
        if (stages.Count == 0)
        {
            return Result<PromotionPlan>.Refused(PromotionRefusals.UnknownSalesMode, "No sales mode with stages has this id.", Field("SalesModeId", "Unknown sales mode."));
        }

        var stageId = request.StageId ?? stages[0];
        if (!stages.Contains(stageId))
        {
            return Result<PromotionPlan>.Refused(PromotionRefusals.StageNotInMode, "The stage is not one of the sales mode's stages.", Field("StageId", "Not a stage of this sales mode."));
        }

        if ((request.OwnerId ?? customer.OwnerId) is not { } ownerId)
        {
            return Result<PromotionPlan>.Refused(PromotionRefusals.NoOwner, "The customer has no owner: name the opportunity's owner.", Field("OwnerId", "Required when the customer has no owner."));
        }

        if (!await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken))
        {
            return Result<PromotionPlan>.Refused(PromotionRefusals.UnknownOwner, "The owner is not an active user.", Field("OwnerId", "Not an active user."));
        }

        return Result<PromotionPlan>.Ok(new PromotionPlan(intent.Id, customer.Id, customer.Kind == CustomerKind.Prospect, ownerId, request.SalesModeId, stageId));
    }

    private static Dictionary<string, string[]> Field(string name, string message) => new(StringComparer.Ordinal) { [name] = [message] };
}

internal sealed class ConfirmIntentPromotionHandler(CrmDbContext db) : IQueryHandler<ConfirmIntentPromotionQuery, Result<PromotionPlan>>
{
    public async ValueTask<Result<PromotionPlan>> Handle(ConfirmIntentPromotionQuery query, CancellationToken cancellationToken)
    {
        var intent = await db.Intents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.IntentId, cancellationToken);
        var customer = intent is null ? null : await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == intent.CustomerId, cancellationToken);
        return await PromotionRules.PlanAsync(db, intent, customer, query.Request, cancellationToken);
    }
}

internal sealed class PromoteIntentHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<PromoteIntentCommand, Result<PromotionResult>>
{
    public async ValueTask<Result<PromotionResult>> Handle(PromoteIntentCommand command, CancellationToken cancellationToken)
    {
        var intent = await db.Intents.Include(i => i.Touches).SingleOrDefaultAsync(i => i.Id == command.IntentId, cancellationToken);
        var customer = intent is null ? null
            : await db.Customers.Include(c => c.Permissions).SingleOrDefaultAsync(c => c.Id == intent.CustomerId, cancellationToken);
        var planned = await PromotionRules.PlanAsync(db, intent, customer, command.Request, cancellationToken);
        if (!planned.IsOk)
        {
            return planned.Cast<PromotionResult>();
        }

        var plan = planned.Value!;
        var now = time.GetUtcNow();
        var request = command.Request;
        var converted = plan.CustomerIsProspect;
        customer!.ConvertToFormal(now); // its contacts belong to the same record: they move with it

        var opportunity = new Opportunity(
            Guid.CreateVersion7(),
            string.IsNullOrWhiteSpace(request.Name) ? $"{customer.Name} — {intent!.Product}" : request.Name,
            customer.Id, plan.SalesModeId, plan.StageId, plan.OwnerId,
            string.IsNullOrWhiteSpace(request.Products) ? intent!.Product : request.Products,
            request.ExpectedAmount, request.ExpectedCloseDate, intent!.Id, command.ActorId ?? plan.OwnerId, now);
        db.Opportunities.Add(opportunity);

        var granted = new List<Guid>();
        foreach (var userId in command.GrantAccessTo.Distinct())
        {
            customer.Grant(userId, canRead: true, canWrite: true, command.ActorId ?? plan.OwnerId, now);
            granted.Add(userId);
        }

        intent.MarkPromoted(opportunity.Id, now);
        await db.SaveChangesAsync(cancellationToken); // the one transaction
        return Result<PromotionResult>.Ok(new PromotionResult(
            intent.Id, opportunity.Id, customer.Id, converted, plan.OwnerId, granted, intent.Touches.Count));
    }
}
