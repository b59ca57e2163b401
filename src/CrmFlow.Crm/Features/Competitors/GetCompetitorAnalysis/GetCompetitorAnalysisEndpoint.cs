using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Competitors.GetCompetitorAnalysis;

internal static class GetCompetitorAnalysisEndpoint
{
    public static RouteHandlerBuilder MapGetCompetitorAnalysis(this IEndpointRouteBuilder api) =>
        api.MapGet("/competitors/analysis", async (ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new GetCompetitorAnalysisQuery(), cancellationToken)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("GetCompetitorAnalysis")
            .WithTags("Competitors")
            .WithSummary("Win/loss per competitor and the strengths-and-gaps matrix per dimension");
}
