using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Permissions.GrantCustomerPermission;

/// <summary>Body of <c>PUT /api/customers/{id}/permissions/{userId}</c>.</summary>
public sealed record GrantRequest(Access Access);

internal static class GrantCustomerPermissionEndpoint
{
    public static RouteHandlerBuilder MapGrantCustomerPermission(this IEndpointRouteBuilder api) =>
        api.MapPut("/customers/{id:guid}/permissions/{userId:guid}", async (
                Guid id, Guid userId, GrantRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GrantCustomerPermissionCommand(id, userId, body.Access), cancellationToken))
                .ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Administrator)
            .WithName("GrantCustomerPermission")
            .WithTags("Permissions")
            .WithSummary("Grant a user read or write on a customer");
}
