using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Contacts.ListContacts;

internal static class ListContactsEndpoint
{
    /// <summary><c>GET /api/contacts?search=</c> and <c>GET /api/customers/{id}/contacts</c>.</summary>
    public static void MapListContacts(this IEndpointRouteBuilder api)
    {
        api.MapGet("/contacts", async (string? search, int? page, int? pageSize, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ListContactsQuery(null, search, page ?? 1, pageSize ?? 20), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Customers)
            .WithName("SearchContacts")
            .WithTags("Contacts")
            .WithSummary("Search the contacts of the customers the caller may read");

        api.MapGet("/customers/{id:guid}/contacts", async (
                Guid id, string? search, int? page, int? pageSize, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ListContactsQuery(id, search, page ?? 1, pageSize ?? 20), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Customers)
            .WithName("ListCustomerContacts")
            .WithTags("Contacts")
            .WithSummary("The contacts of one customer the caller may read");
    }
}
