using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.GetCustomer;

internal static class GetCustomerEndpoint
{
    /// <summary><c>GET /api/customers/{id}</c> (also under <c>/api/prospects</c>): 404 when missing or not readable.</summary>
    public static void MapGetCustomer(this IEndpointRouteBuilder api)
    {
        foreach (var (route, name, kind) in new[] { ("/customers/{id:guid}", "GetCustomer", CustomerKind.Formal), ("/prospects/{id:guid}", "GetProspect", CustomerKind.Prospect) })
        {
            api.MapGet(route, async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                    (await sender.Send(new GetCustomerQuery(id, kind), cancellationToken)).ToHttp())
                .RequireAuthorization(Policies.Customers)
                .WithName(name)
                .WithTags("Customers")
                .WithSummary("One customer the caller may read");
        }
    }
}
