using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.CancelActivity;

/// <summary>Body of <c>POST /api/opportunities/{id}/activities/{activityId}/cancellation</c>.</summary>
public sealed record CancelActivityRequest(string Reason);

internal static class CancelActivityEndpoint
{
    public static RouteHandlerBuilder MapCancelActivity(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/activities/{activityId:guid}/cancellation", async (
                Guid id, Guid activityId, CancelActivityRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CancelActivityCommand(id, activityId, body.Reason), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Sales)
            .WithName("CancelOpportunityActivity")
            .WithTags("Opportunities")
            .WithSummary("Cancel a planned activity with a reason (its alerts are cancelled)");
}
