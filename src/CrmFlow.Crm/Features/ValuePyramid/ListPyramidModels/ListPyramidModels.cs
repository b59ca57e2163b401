using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.ListPyramidModels;

/// <summary>All pyramid models, by name.</summary>
public sealed record ListPyramidModelsQuery : IQuery<IReadOnlyList<PyramidModelDto>>;

/// <summary>One pyramid model.</summary>
public sealed record GetPyramidModelQuery(Guid Id) : IQuery<Result<PyramidModelDto>>;

internal sealed class ListPyramidModelsHandler(CrmDbContext db)
    : IQueryHandler<ListPyramidModelsQuery, IReadOnlyList<PyramidModelDto>>, IQueryHandler<GetPyramidModelQuery, Result<PyramidModelDto>>
{
    public async ValueTask<IReadOnlyList<PyramidModelDto>> Handle(ListPyramidModelsQuery query, CancellationToken cancellationToken)
    {
        var models = await db.PyramidModels.AsNoTracking().ToListAsync(cancellationToken);
        return [.. models.OrderBy(m => m.Name, StringComparer.Ordinal).Select(PyramidModelDto.From)];
    }

    public async ValueTask<Result<PyramidModelDto>> Handle(GetPyramidModelQuery query, CancellationToken cancellationToken) =>
        await db.PyramidModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == query.Id, cancellationToken) is { } model
            ? Result<PyramidModelDto>.Ok(PyramidModelDto.From(model))
            : Result<PyramidModelDto>.NotFound();
}
