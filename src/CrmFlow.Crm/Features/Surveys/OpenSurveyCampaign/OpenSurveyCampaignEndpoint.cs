using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.OpenSurveyCampaign;

internal static class OpenSurveyCampaignEndpoint
{
    public static RouteHandlerBuilder MapOpenSurveyCampaign(this IEndpointRouteBuilder api) =>
        api.MapPost("/survey-campaigns/{id:guid}/open", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new OpenSurveyCampaignCommand(id), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Marketing)
            .WithName("OpenSurveyCampaign")
            .WithTags("Surveys")
            .WithSummary("Open a campaign now (the survey-campaign flow does this at the start)");
}
