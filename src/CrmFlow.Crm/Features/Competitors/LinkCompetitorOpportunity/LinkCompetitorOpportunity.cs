using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Competitors.LinkCompetitorOpportunity;

/// <summary>
/// Records (or updates, by reference) a competitor's participation in an opportunity: the opportunity's reference,
/// name, amount and our result against the competitor. Until opportunities exist in CRM the reference is the
/// sales system's number.
/// </summary>
public sealed record LinkCompetitorOpportunityCommand(
    Guid CompetitorId, string OpportunityReference, string? OpportunityName, decimal Amount, CompetitionOutcome Outcome, DateOnly? ClosedOn, string? Notes)
    : ICommand<Result<CompetitorOpportunityLinked>>;

public sealed record CompetitorOpportunityLinked(Guid Id, bool Created);

internal sealed class LinkCompetitorOpportunityValidator : AbstractValidator<LinkCompetitorOpportunityCommand>
{
    public LinkCompetitorOpportunityValidator()
    {
        RuleFor(c => c.OpportunityReference).NotEmpty().MaximumLength(64);
        RuleFor(c => c.OpportunityName).MaximumLength(200);
        RuleFor(c => c.Amount).GreaterThanOrEqualTo(0).LessThan(10_000_000_000_000_000m);
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Notes).MaximumLength(2000);
    }
}

internal sealed class LinkCompetitorOpportunityHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<LinkCompetitorOpportunityCommand, Result<CompetitorOpportunityLinked>>
{
    public async ValueTask<Result<CompetitorOpportunityLinked>> Handle(LinkCompetitorOpportunityCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Competitors.AnyAsync(c => c.Id == command.CompetitorId, cancellationToken))
        {
            return Result<CompetitorOpportunityLinked>.NotFound();
        }

        var reference = command.OpportunityReference.Trim();
        var link = await db.CompetitorOpportunities
            .SingleOrDefaultAsync(l => l.CompetitorId == command.CompetitorId && l.OpportunityReference == reference, cancellationToken);
        var created = link is null;
        if (link is null)
        {
            link = new CompetitorOpportunity(Guid.CreateVersion7(), command.CompetitorId, reference, time.GetUtcNow());
            db.CompetitorOpportunities.Add(link);
        }

        link.Describe(command.OpportunityName, command.Amount, command.Outcome, command.ClosedOn, command.Notes);
        await db.SaveChangesAsync(cancellationToken);
        return Result<CompetitorOpportunityLinked>.Ok(new(link.Id, created));
    }
}
