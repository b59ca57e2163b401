using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.ListSalesModes;

/// <summary>The sales modes with their ordered stages (duration, win probability, conversion, gates).</summary>
public sealed record ListSalesModesQuery : IQuery<IReadOnlyList<SalesModeDetails>>;

public sealed record SalesModeDetails(Guid Id, string Code, string Name, IReadOnlyList<SalesStageDetails> Stages);

public sealed record SalesStageDetails(
    Guid Id, int Order, string Name, decimal AverageMonths, decimal WinProbability, decimal Conversion, IReadOnlyList<string> Gates);

internal sealed class ListSalesModesHandler(CrmDbContext db) : IQueryHandler<ListSalesModesQuery, IReadOnlyList<SalesModeDetails>>
{
    public async ValueTask<IReadOnlyList<SalesModeDetails>> Handle(ListSalesModesQuery query, CancellationToken cancellationToken)
    {
        var modes = await db.SalesModes.AsNoTracking().Include(m => m.Stages).OrderBy(m => m.Code).ToListAsync(cancellationToken);
        return [.. modes.Select(m => new SalesModeDetails(m.Id, m.Code, m.Name, [.. m.OrderedStages.Select(s =>
            new SalesStageDetails(s.Id, s.Order, s.Name, s.AverageMonths, s.WinProbability, s.Conversion, s.GateList))]))];
    }
}
