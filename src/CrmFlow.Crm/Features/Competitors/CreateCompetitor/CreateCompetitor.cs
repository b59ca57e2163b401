using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Competitors.CreateCompetitor;

/// <summary>A competitor profile as entered: free-text sections, key people and per-dimension scores (1–5, theirs and ours).</summary>
public sealed record CompetitorProfile(
    string Name,
    string? Website,
    string? Profile,
    string? Products,
    string? Strengths,
    string? Weaknesses,
    string? Strategy,
    string? MarketPerformance,
    IReadOnlyList<KeyPerson>? KeyPeople,
    IReadOnlyList<DimensionAssessment>? Assessments);

/// <summary>Records a competitor (names are unique).</summary>
public sealed record CreateCompetitorCommand(CompetitorProfile Profile) : ICommand<Result<CompetitorCreated>>;

public sealed record CompetitorCreated(Guid Id);

/// <summary>Field rules of a profile, shared by create and update.</summary>
internal sealed class CompetitorProfileValidator : AbstractValidator<CompetitorProfile>
{
    public CompetitorProfileValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(200);
        RuleFor(p => p.Website).MaximumLength(300);
        RuleFor(p => p.Profile).MaximumLength(4000);
        RuleFor(p => p.Products).MaximumLength(4000);
        RuleFor(p => p.Strengths).MaximumLength(4000);
        RuleFor(p => p.Weaknesses).MaximumLength(4000);
        RuleFor(p => p.Strategy).MaximumLength(4000);
        RuleFor(p => p.MarketPerformance).MaximumLength(4000);
        RuleFor(p => p.KeyPeople!.Count).LessThanOrEqualTo(50).When(p => p.KeyPeople is not null).OverridePropertyName("keyPeople");
        RuleForEach(p => p.KeyPeople).ChildRules(k =>
        {
            k.RuleFor(x => x.Name).NotEmpty().MaximumLength(128);
            k.RuleFor(x => x.Title).MaximumLength(128);
            k.RuleFor(x => x.Notes).MaximumLength(1000);
        });
        RuleFor(p => p.Assessments).Must(a => a is null || a.Select(x => x.Dimension?.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == a.Count)
            .WithMessage("Each dimension is assessed once.");
        RuleForEach(p => p.Assessments).ChildRules(a =>
        {
            a.RuleFor(x => x.Dimension).NotEmpty().MaximumLength(64);
            a.RuleFor(x => x.TheirScore).InclusiveBetween(1, 5);
            a.RuleFor(x => x.OurScore).InclusiveBetween(1, 5);
            a.RuleFor(x => x.Note).MaximumLength(500);
        });
    }
}

internal sealed class CreateCompetitorValidator : AbstractValidator<CreateCompetitorCommand>
{
    public CreateCompetitorValidator() => RuleFor(c => c.Profile).NotNull().SetValidator(new CompetitorProfileValidator());
}

internal sealed class CreateCompetitorHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreateCompetitorCommand, Result<CompetitorCreated>>
{
    public const string NameTaken = "competitor_name_taken";

    public async ValueTask<Result<CompetitorCreated>> Handle(CreateCompetitorCommand command, CancellationToken cancellationToken)
    {
        if (!user.IsUser)
        {
            return Result<CompetitorCreated>.Forbidden("users_only", "Only a signed-in user can record competitors.");
        }

        var p = command.Profile;
        var name = p.Name.Trim();
        if (await db.Competitors.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return Result<CompetitorCreated>.Refused(NameTaken, $"A competitor named '{name}' exists.");
        }

        var competitor = new Competitor(Guid.CreateVersion7(), user.Id!.Value, time.GetUtcNow());
        Apply(competitor, p, time.GetUtcNow());
        db.Competitors.Add(competitor);
        await db.SaveChangesAsync(cancellationToken);
        return Result<CompetitorCreated>.Ok(new(competitor.Id));
    }

    internal static void Apply(Competitor competitor, CompetitorProfile p, DateTimeOffset at) =>
        competitor.Describe(
            p.Name, p.Website, p.Profile, p.Products, p.Strengths, p.Weaknesses, p.Strategy, p.MarketPerformance,
            p.KeyPeople ?? [], p.Assessments ?? [], at);
}
