using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.ValuePyramid;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;

/// <summary>Creates a pyramid model (metric, revenue basis, tier rule and tiers, period in months, loyalty weights).</summary>
public sealed record CreatePyramidModelCommand(PyramidModelSpec Spec) : ICommand<Result<PyramidModelDto>>;

/// <summary>A pyramid model as the API shows it.</summary>
public sealed record PyramidModelDto(
    Guid Id,
    string Name,
    PyramidMetric Metric,
    RevenueBasis RevenueBasis,
    TierRuleKind TierRule,
    IReadOnlyList<PyramidTierSpec> Tiers,
    int PeriodMonths,
    LoyaltyWeights? LoyaltyWeights,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt)
{
    internal static PyramidModelDto From(PyramidModel m)
    {
        var spec = m.Spec;
        return new(m.Id, m.Name, m.Metric, m.RevenueBasis, m.TierRule, spec.Tiers, m.PeriodMonths, m.LoyaltyWeights, m.IsActive, m.CreatedAt, m.UpdatedAt);
    }
}

/// <summary>Stable refusal codes of the pyramid slices.</summary>
public static class PyramidRefusals
{
    public const string NameTaken = "pyramid.name_taken";
}

/// <summary>Validates a model's content: field shapes here, the tier and metric rules on the domain type.</summary>
internal sealed class PyramidModelSpecValidator : AbstractValidator<PyramidModelSpec>
{
    public PyramidModelSpecValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
        RuleFor(s => s.Metric).IsInEnum();
        RuleFor(s => s.RevenueBasis).IsInEnum();
        RuleFor(s => s.TierRule).IsInEnum();
        RuleFor(s => s.Tiers).NotNull().Must(t => t is null || t.Count is >= 1 and <= 10).WithMessage("A model has 1 to 10 tiers.");
        RuleForEach(s => s.Tiers).ChildRules(t => t.RuleFor(x => x.Name).NotEmpty().MaximumLength(32));
        RuleFor(s => s).Custom((spec, context) =>
        {
            if (spec.Tiers is null || spec.Tiers.Any(t => t is null || string.IsNullOrWhiteSpace(t.Name)))
            {
                return; // the shape rules above already report it
            }

            foreach (var error in spec.Validate())
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(error.Field, error.Message) { ErrorCode = error.Code });
            }
        });
    }
}

internal sealed class CreatePyramidModelValidator : AbstractValidator<CreatePyramidModelCommand>
{
    public CreatePyramidModelValidator() => RuleFor(c => c.Spec).NotNull().SetValidator(new PyramidModelSpecValidator()).OverridePropertyName(string.Empty);
}

internal sealed class CreatePyramidModelHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreatePyramidModelCommand, Result<PyramidModelDto>>
{
    public async ValueTask<Result<PyramidModelDto>> Handle(CreatePyramidModelCommand command, CancellationToken cancellationToken)
    {
        var name = command.Spec.Name.Trim();
        if (await db.PyramidModels.AnyAsync(m => m.Name == name, cancellationToken))
        {
            return Result<PyramidModelDto>.Refused(PyramidRefusals.NameTaken, $"A pyramid model named '{name}' already exists.");
        }

        var model = new PyramidModel(Guid.CreateVersion7(), command.Spec, user.IsUser ? user.Id : null, time.GetUtcNow());
        db.PyramidModels.Add(model);
        await db.SaveChangesAsync(cancellationToken);
        return Result<PyramidModelDto>.Ok(PyramidModelDto.From(model));
    }
}
