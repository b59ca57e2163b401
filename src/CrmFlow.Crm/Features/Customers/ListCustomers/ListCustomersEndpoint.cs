using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.ListCustomers;

internal static class ListCustomersEndpoint
{
    /// <summary><c>GET /api/customers</c> (formal customers) and <c>GET /api/prospects</c>: search and paging.</summary>
    public static void MapListCustomers(this IEndpointRouteBuilder api)
    {
        Map(api, "/customers", CustomerKind.Formal, "ListCustomers");
        Map(api, "/prospects", CustomerKind.Prospect, "ListProspects");
    }

    private static void Map(IEndpointRouteBuilder api, string route, CustomerKind kind, string name) =>
        api.MapGet(route, async (
                ISender sender,
                CancellationToken cancellationToken,
                string? search,
                string? industry,
                string? region,
                Guid? ownerId,
                bool? unowned,
                Guid? createdById,
                int? page,
                int? pageSize) =>
                TypedResults.Ok(await sender.Send(
                    new ListCustomersQuery(kind, search, industry, region, ownerId, unowned, createdById, page ?? 1, pageSize ?? 20),
                    cancellationToken)))
            .RequireAuthorization(Policies.Customers)
            .WithName(name)
            .WithTags("Customers")
            .WithSummary("Search and page the customers the caller may read");
}
