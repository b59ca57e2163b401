using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.OpportunityStageIs;

/// <summary>
/// Whether an open or closed opportunity is in one of <paramref name="SalesModeCodes"/> and one of
/// <paramref name="Stages"/> (<c>{modeCode}/{stageName}</c>); an empty list does not restrict.
/// </summary>
public sealed record OpportunityStageIsQuery(Guid OpportunityId, IReadOnlyCollection<string> SalesModeCodes, IReadOnlyCollection<string> Stages)
    : IQuery<Result<bool>>;

internal sealed class OpportunityStageIsHandler(CrmDbContext db) : IQueryHandler<OpportunityStageIsQuery, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(OpportunityStageIsQuery query, CancellationToken cancellationToken)
    {
        var position = await (
                from opportunity in db.Opportunities.AsNoTracking()
                join mode in db.SalesModes.AsNoTracking() on opportunity.SalesModeId equals mode.Id
                join stage in db.SalesStages.AsNoTracking() on opportunity.StageId equals stage.Id
                where opportunity.Id == query.OpportunityId
                select new { Mode = mode.Code, Stage = stage.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (position is null)
        {
            return Result<bool>.NotFound();
        }

        var modeMatches = query.SalesModeCodes.Count == 0 || query.SalesModeCodes.Contains(position.Mode, StringComparer.OrdinalIgnoreCase);
        var stageMatches = query.Stages.Count == 0
            || query.Stages.Contains(SalesStageValue.Of(position.Mode, position.Stage), StringComparer.OrdinalIgnoreCase);
        return Result<bool>.Ok(modeMatches && stageMatches);
    }
}

/// <summary>How a flow names a stage: its sales mode's code and its name, portable between databases.</summary>
public static class SalesStageValue
{
    public static string Of(string modeCode, string stageName) => $"{modeCode}/{stageName}";
}
