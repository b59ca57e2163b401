using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.CreateCustomer;

/// <summary>Body of <c>POST /api/customers</c> and <c>POST /api/prospects</c>.</summary>
public sealed record CreateCustomerRequest(string Code, string Name, string? Industry, string? Region, Guid? OwnerId);

internal static class CreateCustomerEndpoint
{
    public static void MapCreateCustomer(this IEndpointRouteBuilder api)
    {
        Map(api, "/customers", CustomerKind.Formal, "CreateCustomer");
        Map(api, "/prospects", CustomerKind.Prospect, "CreateProspect");
    }

    private static void Map(IEndpointRouteBuilder api, string route, CustomerKind kind, string name) =>
        api.MapPost(route, async (CreateCustomerRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(
                    new CreateCustomerCommand(body.Code, body.Name, kind, body.Industry, body.Region, body.OwnerId),
                    cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api{route}/{created.Id}", created)))
            .RequireAuthorization(Policies.Customers)
            .WithName(name)
            .WithTags("Customers")
            .WithSummary("Create a customer; the creator is granted read and write");
}
