using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Permissions.ListCustomerPermissions;

internal static class ListCustomerPermissionsEndpoint
{
    /// <summary><c>GET /api/customers/{id}/permissions</c>: administrators.</summary>
    public static RouteHandlerBuilder MapListCustomerPermissions(this IEndpointRouteBuilder api) =>
        api.MapGet("/customers/{id:guid}/permissions", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ListCustomerPermissionsQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Administrator)
            .WithName("ListCustomerPermissions")
            .WithTags("Permissions")
            .WithSummary("The data-permission grants on a customer");
}
