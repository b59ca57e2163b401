using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.AddQuote;

/// <summary>Adds a quote (报价) to an open opportunity; an opportunity has many.</summary>
public sealed record AddQuoteCommand(Guid OpportunityId, decimal Amount, string? Note) : ICommand<Result<QuoteAdded>>;

public sealed record QuoteAdded(Guid Id);

public static class OpportunityRefusals
{
    public const string Closed = "opportunity.closed";
    public const string NotAUser = "opportunity.not_a_user";
    public const string MembersLackAccess = "opportunity.members_lack_access";
    public const string ExecutorLacksAccess = "opportunity.executor_lacks_access";
    public const string ActivityDone = "opportunity.activity_done";
    public const string ActivityCancelled = "opportunity.activity_cancelled";
    public const string DueInPast = "opportunity.due_in_past";
}

internal sealed class AddQuoteValidator : AbstractValidator<AddQuoteCommand>
{
    public AddQuoteValidator()
    {
        RuleFor(c => c.Amount).GreaterThan(0m);
        RuleFor(c => c.Note).MaximumLength(2000);
    }
}

internal sealed class AddQuoteHandler(CrmDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<AddQuoteCommand, Result<QuoteAdded>>
{
    public async ValueTask<Result<QuoteAdded>> Handle(AddQuoteCommand command, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).SingleOrDefaultAsync(o => o.Id == command.OpportunityId, cancellationToken);
        if (opportunity is null)
        {
            return Result<QuoteAdded>.NotFound();
        }

        if (!opportunity.IsOpen)
        {
            return Result<QuoteAdded>.Refused(OpportunityRefusals.Closed, "The opportunity is closed.");
        }

        var quote = opportunity.AddQuote(Guid.CreateVersion7(), command.Amount, command.Note, user.Id ?? Guid.Empty, time.GetUtcNow());
        db.Add(quote);
        await db.SaveChangesAsync(cancellationToken);
        return Result<QuoteAdded>.Ok(new QuoteAdded(quote.Id));
    }
}
