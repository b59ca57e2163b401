using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Customers.GetCustomer;
using Mediator;

namespace CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;

/// <summary>Body of <c>POST /api/customers/{id}/access-checks</c>.</summary>
public sealed record AccessCheckRequest(IReadOnlyList<Guid> UserIds, Access Access = Access.Read);

internal static class CheckCustomerAccessEndpoint
{
    /// <summary>The caller must be able to read the customer (404 otherwise): the report says nothing about hidden customers.</summary>
    public static RouteHandlerBuilder MapCheckCustomerAccess(this IEndpointRouteBuilder api) =>
        api.MapPost("/customers/{id:guid}/access-checks", async (
                Guid id, AccessCheckRequest body, ISender sender, CancellationToken cancellationToken) =>
            {
                var customer = await sender.Send(new GetCustomerQuery(id), cancellationToken);
                if (!customer.IsOk)
                {
                    return customer.ToHttp();
                }

                var report = await sender.Send(new CheckCustomerAccessQuery(id, body.UserIds ?? [], body.Access), cancellationToken);
                return Result<AccessReport>.Ok(report).ToHttp();
            })
            .RequireAuthorization(Policies.Customers)
            .WithName("CheckCustomerAccess")
            .WithTags("Permissions")
            .WithSummary("Which of the given users lack read or write on a customer (reports, never grants)");
}
