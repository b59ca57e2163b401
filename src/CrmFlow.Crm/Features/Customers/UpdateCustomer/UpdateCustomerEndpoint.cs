using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.UpdateCustomer;

/// <summary>Body of <c>PUT /api/customers/{id}</c>.</summary>
public sealed record UpdateCustomerRequest(string Name, string? Industry, string? Region, Guid? OwnerId);

internal static class UpdateCustomerEndpoint
{
    public static void MapUpdateCustomer(this IEndpointRouteBuilder api)
    {
        foreach (var (route, name, kind) in new[] { ("/customers/{id:guid}", "UpdateCustomer", CustomerKind.Formal), ("/prospects/{id:guid}", "UpdateProspect", CustomerKind.Prospect) })
        {
            api.MapPut(route, async (Guid id, UpdateCustomerRequest body, ISender sender, CancellationToken cancellationToken) =>
                    (await sender.Send(
                        new UpdateCustomerCommand(id, body.Name, body.Industry, body.Region, body.OwnerId, kind), cancellationToken))
                    .ToHttp(ResultHttp.NoContent))
                .RequireAuthorization(Policies.Customers)
                .WithName(name)
                .WithTags("Customers")
                .WithSummary("Edit a customer, including its owner (needs write access)");
        }
    }
}
