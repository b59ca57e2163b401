using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.GetSurveyResults;

internal static class GetSurveyResultsEndpoint
{
    public static RouteHandlerBuilder MapGetSurveyResults(this IEndpointRouteBuilder api) =>
        api.MapGet("/survey-campaigns/{id:guid}/results", async (Guid id, string? industry, string? region, string? tier, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetSurveyResultsQuery(id, industry, region, tier), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Marketing)
            .WithName("GetSurveyResults")
            .WithTags("Surveys")
            .WithSummary("Per-question analysis of a campaign, optionally for an industry, region and/or value tier");
}
