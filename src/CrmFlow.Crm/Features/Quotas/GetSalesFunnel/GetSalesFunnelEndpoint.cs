using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Sales;
using Mediator;

namespace CrmFlow.Crm.Features.Quotas.GetSalesFunnel;

internal static class GetSalesFunnelEndpoint
{
    public static RouteHandlerBuilder MapGetSalesFunnel(this IEndpointRouteBuilder api) =>
        api.MapGet("/sales-funnel", async (
                Guid salesModeId, QuotaScope? scope, Guid? scopeId, DateOnly? month, FunnelBasis? basis, decimal? yellowPercent, decimal? greenPercent,
                ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetSalesFunnelQuery(
                    salesModeId, scope ?? QuotaScope.Company, scopeId, month, basis ?? FunnelBasis.Amount, yellowPercent, greenPercent), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Sales)
            .WithName("GetSalesFunnel")
            .WithTags("Quotas")
            .WithSummary("Actual opportunities per stage against the quota, coloured, with measured dwell time");
}
