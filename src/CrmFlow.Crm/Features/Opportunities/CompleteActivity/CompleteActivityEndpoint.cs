using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.CompleteActivity;

/// <summary>Body of <c>POST /api/opportunities/{id}/activities/{activityId}/completion</c>.</summary>
public sealed record CompleteActivityRequest(string? Result);

internal static class CompleteActivityEndpoint
{
    public static RouteHandlerBuilder MapCompleteActivity(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/activities/{activityId:guid}/completion", async (
                Guid id, Guid activityId, CompleteActivityRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CompleteActivityCommand(id, activityId, body.Result), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Sales)
            .WithName("CompleteOpportunityActivity")
            .WithTags("Opportunities")
            .WithSummary("Mark a planned activity done with its result");
}
