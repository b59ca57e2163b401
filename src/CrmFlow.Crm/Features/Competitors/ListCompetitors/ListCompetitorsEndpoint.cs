using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Competitors.ListCompetitors;

internal static class ListCompetitorsEndpoint
{
    public static RouteHandlerBuilder MapListCompetitors(this IEndpointRouteBuilder api) =>
        api.MapGet("/competitors", async (string? search, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListCompetitorsQuery(search), cancellationToken)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("ListCompetitors")
            .WithTags("Competitors")
            .WithSummary("Competitors");
}
