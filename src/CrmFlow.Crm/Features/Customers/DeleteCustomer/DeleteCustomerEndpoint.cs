using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.DeleteCustomer;

internal static class DeleteCustomerEndpoint
{
    public static void MapDeleteCustomer(this IEndpointRouteBuilder api)
    {
        foreach (var (route, name) in new[] { ("/customers/{id:guid}", "DeleteCustomer"), ("/prospects/{id:guid}", "DeleteProspect") })
        {
            api.MapDelete(route, async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                    (await sender.Send(new DeleteCustomerCommand(id), cancellationToken)).ToHttp(ResultHttp.NoContent))
                .RequireAuthorization(Policies.Customers)
                .WithName(name)
                .WithTags("Customers")
                .WithSummary("Delete a customer with its contacts (needs write access)");
        }
    }
}
