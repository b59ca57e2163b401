using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Quotas.GetSalesForecast;

internal static class GetSalesForecastEndpoint
{
    public static RouteHandlerBuilder MapGetSalesForecast(this IEndpointRouteBuilder api) =>
        api.MapGet("/sales-forecast", async (int? months, Guid? salesModeId, Guid? ownerId, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetSalesForecastQuery(months ?? 6, salesModeId, ownerId), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Sales)
            .WithName("GetSalesForecast")
            .WithTags("Quotas")
            .WithSummary("Expected revenue per future month, unweighted and weighted by stage probability");
}
