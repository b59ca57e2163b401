using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Market;
using Mediator;

namespace CrmFlow.Crm.Features.Competitors.LinkCompetitorOpportunity;

/// <summary>Body of <c>POST /api/competitors/{id}/opportunities</c>.</summary>
public sealed record CompetitorOpportunityRequest(
    string OpportunityReference, string? OpportunityName, decimal Amount, CompetitionOutcome Outcome, DateOnly? ClosedOn, string? Notes);

internal static class LinkCompetitorOpportunityEndpoint
{
    public static RouteHandlerBuilder MapLinkCompetitorOpportunity(this IEndpointRouteBuilder api) =>
        api.MapPost("/competitors/{id:guid}/opportunities", async (Guid id, CompetitorOpportunityRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(
                    new LinkCompetitorOpportunityCommand(id, body.OpportunityReference, body.OpportunityName, body.Amount, body.Outcome, body.ClosedOn, body.Notes),
                    cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Marketing)
            .WithName("LinkCompetitorOpportunity")
            .WithTags("Competitors")
            .WithSummary("Record (or update by reference) a competitor's participation in an opportunity");
}
