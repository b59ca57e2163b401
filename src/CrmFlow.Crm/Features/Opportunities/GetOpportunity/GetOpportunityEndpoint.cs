using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.GetOpportunity;

internal static class GetOpportunityEndpoint
{
    public static RouteHandlerBuilder MapGetOpportunity(this IEndpointRouteBuilder api) =>
        api.MapGet("/opportunities/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetOpportunityQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Sales)
            .WithName("GetOpportunity")
            .WithTags("Opportunities")
            .WithSummary("One opportunity with team, activities, quotes, competitors, documents, stage records and touches");
}
