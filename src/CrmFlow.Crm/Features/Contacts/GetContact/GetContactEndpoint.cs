using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Contacts.GetContact;

internal static class GetContactEndpoint
{
    /// <summary><c>GET /api/contacts/{id}</c>: 404 when missing or its customer is not readable.</summary>
    public static RouteHandlerBuilder MapGetContact(this IEndpointRouteBuilder api) =>
        api.MapGet("/contacts/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetContactQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Customers)
            .WithName("GetContact")
            .WithTags("Contacts")
            .WithSummary("One contact of a customer the caller may read");
}
