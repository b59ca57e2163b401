using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.CloseSurveyCampaign;

internal static class CloseSurveyCampaignEndpoint
{
    public static RouteHandlerBuilder MapCloseSurveyCampaign(this IEndpointRouteBuilder api) =>
        api.MapPost("/survey-campaigns/{id:guid}/close", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CloseSurveyCampaignCommand(id), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Marketing)
            .WithName("CloseSurveyCampaign")
            .WithTags("Surveys")
            .WithSummary("Close a campaign now (the survey-campaign flow does this at the end)");
}
