using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.UpdatePyramidModel;

/// <summary>Replaces a model's content. Stored snapshots keep the tiers they were taken with.</summary>
public sealed record UpdatePyramidModelCommand(Guid Id, PyramidModelSpec Spec) : ICommand<Result<PyramidModelDto>>;

internal sealed class UpdatePyramidModelValidator : AbstractValidator<UpdatePyramidModelCommand>
{
    public UpdatePyramidModelValidator() => RuleFor(c => c.Spec).NotNull().SetValidator(new PyramidModelSpecValidator()).OverridePropertyName(string.Empty);
}

internal sealed class UpdatePyramidModelHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<UpdatePyramidModelCommand, Result<PyramidModelDto>>
{
    public async ValueTask<Result<PyramidModelDto>> Handle(UpdatePyramidModelCommand command, CancellationToken cancellationToken)
    {
        var model = await db.PyramidModels.FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
        if (model is null)
        {
            return Result<PyramidModelDto>.NotFound();
        }

        var name = command.Spec.Name.Trim();
        if (await db.PyramidModels.AnyAsync(m => m.Name == name && m.Id != command.Id, cancellationToken))
        {
            return Result<PyramidModelDto>.Refused(PyramidRefusals.NameTaken, $"A pyramid model named '{name}' already exists.");
        }

        model.Apply(command.Spec, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result<PyramidModelDto>.Ok(PyramidModelDto.From(model));
    }
}
