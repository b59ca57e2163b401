using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.AddCompetitor;

/// <summary>Records a competitor met on an opportunity: a name and an optional link to its profile.</summary>
public sealed record AddCompetitorCommand(Guid OpportunityId, string Name, string? Link, string? Notes) : ICommand<Result<CompetitorAdded>>;

public sealed record CompetitorAdded(Guid Id);

internal sealed class AddCompetitorValidator : AbstractValidator<AddCompetitorCommand>
{
    public AddCompetitorValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Link).MaximumLength(500)
            .Must(l => l is null || Uri.TryCreate(l, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
            .WithMessage("The link must be an absolute http(s) URL.");
        RuleFor(c => c.Notes).MaximumLength(2000);
    }
}

internal sealed class AddCompetitorHandler(CrmDbContext db, ICurrentUser user) : ICommandHandler<AddCompetitorCommand, Result<CompetitorAdded>>
{
    public async ValueTask<Result<CompetitorAdded>> Handle(AddCompetitorCommand command, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).SingleOrDefaultAsync(o => o.Id == command.OpportunityId, cancellationToken);
        if (opportunity is null)
        {
            return Result<CompetitorAdded>.NotFound();
        }

        var competitor = opportunity.AddCompetitor(Guid.CreateVersion7(), command.Name, command.Link, command.Notes);
        db.Add(competitor);
        await db.SaveChangesAsync(cancellationToken);
        return Result<CompetitorAdded>.Ok(new CompetitorAdded(competitor.Id));
    }
}
