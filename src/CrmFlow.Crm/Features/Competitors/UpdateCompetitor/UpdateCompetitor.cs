using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Competitors.CreateCompetitor;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Competitors.UpdateCompetitor;

/// <summary>Replaces a competitor's profile.</summary>
public sealed record UpdateCompetitorCommand(Guid Id, CompetitorProfile Profile) : ICommand<Result<Done>>;

internal sealed class UpdateCompetitorValidator : AbstractValidator<UpdateCompetitorCommand>
{
    public UpdateCompetitorValidator() => RuleFor(c => c.Profile).NotNull().SetValidator(new CompetitorProfileValidator());
}

internal sealed class UpdateCompetitorHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<UpdateCompetitorCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(UpdateCompetitorCommand command, CancellationToken cancellationToken)
    {
        var competitor = await db.Competitors.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (competitor is null)
        {
            return Result<Done>.NotFound();
        }

        var name = command.Profile.Name.Trim();
        if (await db.Competitors.AnyAsync(c => c.Name == name && c.Id != command.Id, cancellationToken))
        {
            return Result<Done>.Refused(CreateCompetitorHandler.NameTaken, $"A competitor named '{name}' exists.");
        }

        CreateCompetitorHandler.Apply(competitor, command.Profile, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
