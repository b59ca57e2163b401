using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Permissions.RevokeCustomerPermission;

internal static class RevokeCustomerPermissionEndpoint
{
    public static RouteHandlerBuilder MapRevokeCustomerPermission(this IEndpointRouteBuilder api) =>
        api.MapDelete("/customers/{id:guid}/permissions/{userId:guid}", async (
                Guid id, Guid userId, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RevokeCustomerPermissionCommand(id, userId), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Administrator)
            .WithName("RevokeCustomerPermission")
            .WithTags("Permissions")
            .WithSummary("Revoke a user's rights on a customer");
}
