using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Quotas.GetSalesForecast;

/// <summary>
/// The sales forecast (销售预测) per month from the current one (UTC calendar): open opportunities' expected amounts by
/// expected close date, unweighted and weighted by their stage's win probability; overdue and beyond-horizon totals
/// are listed too. Same counting rule as the funnel (managers: all; reps: customers they may read).
/// </summary>
public sealed record GetSalesForecastQuery(int Months = 6, Guid? SalesModeId = null, Guid? OwnerId = null) : IQuery<Result<SalesForecast>>;

internal sealed class GetSalesForecastValidator : AbstractValidator<GetSalesForecastQuery>
{
    public GetSalesForecastValidator() => RuleFor(q => q.Months).InclusiveBetween(1, 36);
}

internal sealed class GetSalesForecastHandler(CrmDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<GetSalesForecastQuery, Result<SalesForecast>>
{
    public async ValueTask<Result<SalesForecast>> Handle(GetSalesForecastQuery query, CancellationToken cancellationToken)
    {
        var opportunities = user.Satisfies(Policies.SalesManagement) ? db.Opportunities.AsNoTracking() : db.Opportunities.AsNoTracking().VisibleTo(db, user, Access.Read);
        opportunities = opportunities.Where(o => o.Status == OpportunityStatus.Open);
        if (query.SalesModeId is { } mode)
        {
            opportunities = opportunities.Where(o => o.SalesModeId == mode);
        }

        if (query.OwnerId is { } owner)
        {
            opportunities = opportunities.Where(o => o.OwnerId == owner);
        }

        var rows = await opportunities.Join(db.SalesStages, o => o.StageId, s => s.Id, (o, s) => new { o.Id, o.ExpectedAmount, o.ExpectedCloseDate, s.WinProbability })
            .ToListAsync(cancellationToken);
        var forecast = SalesForecaster.Forecast(
            [.. rows.Select(r => new ForecastOpportunity(r.Id, r.ExpectedAmount, r.ExpectedCloseDate, r.WinProbability))], time, TimeZoneInfo.Utc, query.Months);
        return forecast.IsSuccess
            ? Result<SalesForecast>.Ok(forecast.Value)
            : Result<SalesForecast>.Refused("forecast.invalid_input", string.Join("; ", forecast.Errors.Select(e => e.Field + ": " + e.Message)));
    }
}
