using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Contacts.CreateContact;

/// <summary>Body of <c>POST /api/customers/{id}/contacts</c> and <c>PUT /api/contacts/{id}</c>.</summary>
public sealed record ContactRequest(string Name, string? Title, string? Phone, string? Email);

internal static class CreateContactEndpoint
{
    public static RouteHandlerBuilder MapCreateContact(this IEndpointRouteBuilder api) =>
        api.MapPost("/customers/{id:guid}/contacts", async (
                Guid id, ContactRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateContactCommand(id, body.Name, body.Title, body.Phone, body.Email), cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api/contacts/{created.Id}", created)))
            .RequireAuthorization(Policies.Customers)
            .WithName("CreateContact")
            .WithTags("Contacts")
            .WithSummary("Add a contact to a customer (needs write access on the customer)");
}
