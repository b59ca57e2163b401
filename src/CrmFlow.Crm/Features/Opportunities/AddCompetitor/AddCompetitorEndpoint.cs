using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.AddCompetitor;

/// <summary>Body of <c>POST /api/opportunities/{id}/competitors</c>.</summary>
public sealed record AddCompetitorRequest(string Name, string? Link, string? Notes);

internal static class AddCompetitorEndpoint
{
    public static RouteHandlerBuilder MapAddCompetitor(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/competitors", async (Guid id, AddCompetitorRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddCompetitorCommand(id, body.Name, body.Link, body.Notes), cancellationToken))
                .ToHttp(added => TypedResults.Created($"/api/opportunities/{id}", added)))
            .RequireAuthorization(Policies.Sales)
            .WithName("AddOpportunityCompetitor")
            .WithTags("Opportunities")
            .WithSummary("Record a competitor (name and optional link)");
}
