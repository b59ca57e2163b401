using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.ChangeActivity;

/// <summary>Body of <c>PATCH /api/opportunities/{id}/activities/{activityId}</c>: only the given fields change.</summary>
public sealed record ChangeActivityRequest(string? Subject, Guid? ExecutorId, DateTimeOffset? DueAt);

internal static class ChangeActivityEndpoint
{
    public static RouteHandlerBuilder MapChangeActivity(this IEndpointRouteBuilder api) =>
        api.MapPatch("/opportunities/{id:guid}/activities/{activityId:guid}", async (
                Guid id, Guid activityId, ChangeActivityRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ChangeActivityCommand(id, activityId, body.Subject, body.ExecutorId, body.DueAt), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Sales)
            .WithName("ChangeOpportunityActivity")
            .WithTags("Opportunities")
            .WithSummary("Change a planned activity's subject, executor or due time (its alerts follow)");
}
