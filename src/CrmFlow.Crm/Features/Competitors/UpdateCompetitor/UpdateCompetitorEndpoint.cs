using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Competitors.CreateCompetitor;
using Mediator;

namespace CrmFlow.Crm.Features.Competitors.UpdateCompetitor;

internal static class UpdateCompetitorEndpoint
{
    public static RouteHandlerBuilder MapUpdateCompetitor(this IEndpointRouteBuilder api) =>
        api.MapPut("/competitors/{id:guid}", async (Guid id, CompetitorProfile body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateCompetitorCommand(id, body), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Marketing)
            .WithName("UpdateCompetitor")
            .WithTags("Competitors")
            .WithSummary("Edit a competitor profile");
}
