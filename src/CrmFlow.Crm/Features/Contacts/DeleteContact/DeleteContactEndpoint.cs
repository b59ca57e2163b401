using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Contacts.DeleteContact;

internal static class DeleteContactEndpoint
{
    public static RouteHandlerBuilder MapDeleteContact(this IEndpointRouteBuilder api) =>
        api.MapDelete("/contacts/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteContactCommand(id), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Customers)
            .WithName("DeleteContact")
            .WithTags("Contacts")
            .WithSummary("Delete a contact (needs write access on its customer)");
}
