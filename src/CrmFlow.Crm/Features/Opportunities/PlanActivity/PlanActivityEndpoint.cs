using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.PlanActivity;

/// <summary>Body of <c>POST /api/opportunities/{id}/activities</c>.</summary>
public sealed record PlanActivityRequest(string Kind, string Subject, Guid ExecutorId, DateTimeOffset DueAt);

internal static class PlanActivityEndpoint
{
    public static RouteHandlerBuilder MapPlanActivity(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/activities", async (Guid id, PlanActivityRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new PlanActivityCommand(id, body.Kind, body.Subject, body.ExecutorId, body.DueAt), cancellationToken))
                .ToHttp(planned => TypedResults.Created($"/api/opportunities/{id}", planned)))
            .RequireAuthorization(Policies.Sales)
            .WithName("PlanOpportunityActivity")
            .WithTags("Opportunities")
            .WithSummary("Plan a visit, call or other activity (executor's permission verified)");
}
