using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Sales;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.ListOpportunities;

internal static class ListOpportunitiesEndpoint
{
    public static RouteHandlerBuilder MapListOpportunities(this IEndpointRouteBuilder api) =>
        api.MapGet("/opportunities", async (Guid? salesModeId, OpportunityStatus? status, Guid? ownerId, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListOpportunitiesQuery(salesModeId, status, ownerId), cancellationToken)))
            .RequireAuthorization(Policies.Sales)
            .WithName("ListOpportunities")
            .WithTags("Opportunities")
            .WithSummary("Opportunities on customers the caller may read");
}
