using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.DeletePyramidModel;

/// <summary>Deletes a model with its snapshots (to keep the history, deactivate the model instead).</summary>
public sealed record DeletePyramidModelCommand(Guid Id) : ICommand<Result<Done>>;

internal sealed class DeletePyramidModelHandler(CrmDbContext db) : ICommandHandler<DeletePyramidModelCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeletePyramidModelCommand command, CancellationToken cancellationToken)
    {
        var model = await db.PyramidModels.FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
        if (model is null)
        {
            return Result<Done>.NotFound();
        }

        await db.PyramidSnapshotEntries.Where(e => db.PyramidSnapshots.Any(s => s.Id == e.SnapshotId && s.ModelId == command.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await db.PyramidSnapshots.Where(s => s.ModelId == command.Id).ExecuteDeleteAsync(cancellationToken);
        db.PyramidModels.Remove(model);
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
