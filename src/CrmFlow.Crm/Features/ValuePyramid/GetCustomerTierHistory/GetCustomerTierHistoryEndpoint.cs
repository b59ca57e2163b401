using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.GetCustomerTierHistory;

internal static class GetCustomerTierHistoryEndpoint
{
    /// <summary><c>GET /api/value-pyramid/customers/{customerId}/tiers</c>: the analytics roles, like the pyramid itself.</summary>
    public static RouteHandlerBuilder MapGetCustomerTierHistory(this IEndpointRouteBuilder api) =>
        api.MapGet("/value-pyramid/customers/{customerId:guid}/tiers", async (Guid customerId, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new GetCustomerTierHistoryQuery(customerId), cancellationToken)))
            .RequireAuthorization(Policies.Financials)
            .WithName("GetCustomerTierHistory")
            .WithTags("ValuePyramid")
            .WithSummary("A customer's tier in every stored snapshot");
}
