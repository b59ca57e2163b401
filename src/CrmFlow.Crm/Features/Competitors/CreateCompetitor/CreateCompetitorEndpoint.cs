using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Competitors.CreateCompetitor;

internal static class CreateCompetitorEndpoint
{
    public static RouteHandlerBuilder MapCreateCompetitor(this IEndpointRouteBuilder api) =>
        api.MapPost("/competitors", async (CompetitorProfile body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateCompetitorCommand(body), cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api/competitors/{created.Id}", created)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("CreateCompetitor")
            .WithTags("Competitors")
            .WithSummary("Record a competitor profile");
}
