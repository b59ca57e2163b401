using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.GetCustomerOverview;

internal static class GetCustomerOverviewEndpoint
{
    /// <summary><c>GET /api/customers/{id}/overview?from=&amp;to=</c>: the 360 view.</summary>
    public static RouteHandlerBuilder MapGetCustomerOverview(this IEndpointRouteBuilder api) =>
        api.MapGet("/customers/{id:guid}/overview", async (
                Guid id, DateOnly? from, DateOnly? to, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetCustomerOverviewQuery(id, from, to), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Customers)
            .WithName("GetCustomerOverview")
            .WithTags("Customers")
            .WithSummary("Customer 360 view for a date range (default: the current year)");
}
