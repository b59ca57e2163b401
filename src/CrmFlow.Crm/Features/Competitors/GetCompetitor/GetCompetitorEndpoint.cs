using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Competitors.GetCompetitor;

internal static class GetCompetitorEndpoint
{
    public static RouteHandlerBuilder MapGetCompetitor(this IEndpointRouteBuilder api) =>
        api.MapGet("/competitors/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetCompetitorQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Marketing)
            .WithName("GetCompetitor")
            .WithTags("Competitors")
            .WithSummary("A competitor with its opportunities and record");
}
