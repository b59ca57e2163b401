using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.CreateSurveyCampaign;

internal static class CreateSurveyCampaignEndpoint
{
    public static RouteHandlerBuilder MapCreateSurveyCampaign(this IEndpointRouteBuilder api) =>
        api.MapPost("/survey-campaigns", async (CreateSurveyCampaignCommand body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(body, cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api/survey-campaigns/{created.Id}", created)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("CreateSurveyCampaign")
            .WithTags("Surveys")
            .WithSummary("Plan a survey campaign (draft) on an enabled questionnaire template");
}
