using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.LaunchSurveyCampaign;

internal static class LaunchSurveyCampaignEndpoint
{
    public static RouteHandlerBuilder MapLaunchSurveyCampaign(this IEndpointRouteBuilder api) =>
        api.MapPost("/survey-campaigns/{id:guid}/launch", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new LaunchSurveyCampaignCommand(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Marketing)
            .WithName("LaunchSurveyCampaign")
            .WithTags("Surveys")
            .WithSummary("Start the survey-campaign flow: open at the start, remind before the end, close at the end");
}
