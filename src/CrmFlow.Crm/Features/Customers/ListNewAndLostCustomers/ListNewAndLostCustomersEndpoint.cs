using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.ListNewAndLostCustomers;

internal static class ListNewAndLostCustomersEndpoint
{
    /// <summary><c>GET /api/reports/new-and-lost-customers?from=&amp;to=&amp;ownerId=</c>: sales management.</summary>
    public static RouteHandlerBuilder MapListNewAndLostCustomers(this IEndpointRouteBuilder api) =>
        api.MapGet("/reports/new-and-lost-customers", async (
                DateOnly from, DateOnly to, Guid? ownerId, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListNewAndLostCustomersQuery(from, to, ownerId), cancellationToken)))
            .RequireAuthorization(Policies.SalesManagement)
            .WithName("ListNewAndLostCustomers")
            .WithTags("Customers")
            .WithSummary("New and lost customers by rep for a period");
}
