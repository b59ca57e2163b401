using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.DeleteCustomer;

internal static class DeleteCustomerEndpoint
{
    public static void MapDeleteCustomer(this IEndpointRouteBuilder api)
    {
        foreach (var (route, name, kind) in new[] { ("/customers/{id:guid}", "DeleteCustomer", CustomerKind.Formal), ("/prospects/{id:guid}", "DeleteProspect", CustomerKind.Prospect) })
        {
            api.MapDelete(route, async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                    (await sender.Send(new DeleteCustomerCommand(id, kind), cancellationToken)).ToHttp(ResultHttp.NoContent))
                .RequireAuthorization(Policies.Customers)
                .WithName(name)
                .WithTags("Customers")
                .WithSummary("Delete a customer with its contacts (needs write access)");
        }
    }
}
