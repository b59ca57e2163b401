using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.GetSurveyCampaign;

internal static class GetSurveyCampaignEndpoint
{
    public static RouteHandlerBuilder MapGetSurveyCampaign(this IEndpointRouteBuilder api) =>
        api.MapGet("/survey-campaigns/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetSurveyCampaignQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Marketing)
            .WithName("GetSurveyCampaign")
            .WithTags("Surveys")
            .WithSummary("A survey campaign with its questionnaire");
}
