using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Market;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.ListSurveyCampaigns;

internal static class ListSurveyCampaignsEndpoint
{
    public static RouteHandlerBuilder MapListSurveyCampaigns(this IEndpointRouteBuilder api) =>
        api.MapGet("/survey-campaigns", async (SurveyCampaignStatus? status, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListSurveyCampaignsQuery(status), cancellationToken)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("ListSurveyCampaigns")
            .WithTags("Surveys")
            .WithSummary("Survey campaigns");
}
