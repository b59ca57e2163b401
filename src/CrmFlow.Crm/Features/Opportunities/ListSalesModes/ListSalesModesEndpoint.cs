using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.ListSalesModes;

internal static class ListSalesModesEndpoint
{
    public static RouteHandlerBuilder MapListSalesModes(this IEndpointRouteBuilder api) =>
        api.MapGet("/sales-modes", async (ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListSalesModesQuery(), cancellationToken)))
            .RequireAuthorization(Policies.Sales)
            .WithName("ListSalesModes")
            .WithTags("Opportunities")
            .WithSummary("Sales modes and their ordered stages");
}
