using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Contacts.CreateContact;
using Mediator;

namespace CrmFlow.Crm.Features.Contacts.UpdateContact;

internal static class UpdateContactEndpoint
{
    public static RouteHandlerBuilder MapUpdateContact(this IEndpointRouteBuilder api) =>
        api.MapPut("/contacts/{id:guid}", async (Guid id, ContactRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateContactCommand(id, body.Name, body.Title, body.Phone, body.Email), cancellationToken))
                .ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Customers)
            .WithName("UpdateContact")
            .WithTags("Contacts")
            .WithSummary("Edit a contact (needs write access on its customer)");
}
