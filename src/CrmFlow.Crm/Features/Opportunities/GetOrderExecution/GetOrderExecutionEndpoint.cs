using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.GetOrderExecution;

internal static class GetOrderExecutionEndpoint
{
    public static RouteHandlerBuilder MapGetOrderExecution(this IEndpointRouteBuilder api) =>
        api.MapGet("/opportunities/{id:guid}/order-execution", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetOrderExecutionQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Financials)
            .WithName("GetOpportunityOrderExecution")
            .WithTags("Opportunities")
            .WithSummary("Orders, deliveries, invoices and cumulative receipts of an opportunity, from the ledger");
}
