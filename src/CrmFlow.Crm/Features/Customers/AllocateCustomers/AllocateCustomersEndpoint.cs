using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.AllocateCustomers;

internal static class AllocateCustomersEndpoint
{
    /// <summary><c>POST /api/customers/allocations</c>: sales management; needs write access on every selected customer.</summary>
    public static RouteHandlerBuilder MapAllocateCustomers(this IEndpointRouteBuilder api) =>
        api.MapPost("/customers/allocations", async (AllocateCustomersCommand body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(body, cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.SalesManagement)
            .WithName("AllocateCustomers")
            .WithTags("Customers")
            .WithSummary("Self-developed, assign or reclaim a selection of customers (owners only, never permissions)");
}
