using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Flows;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.AdvanceStage;

internal static class AdvanceStageEndpoint
{
    public const string DefinitionId = "opportunity-stage-advancement";
    public const string TriggerActivityId = "HttpEndpoint1";

    /// <summary>
    /// Runs <c>opportunity-stage-advancement</c> for a user who may write the opportunity's customer (404 otherwise):
    /// 200 with the stage record, 422 with <c>code</c> and <c>unmetConditions</c> when a gate refuses, 400 for bad input.
    /// </summary>
    public static RouteHandlerBuilder MapAdvanceStage(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/stage-advancements", async (
                Guid id, StageAdvanceRequest body, CrmDbContext db, ICurrentUser user, IWorkflowRuntime runtime, CancellationToken cancellationToken) =>
            {
                var writable = db.Customers.VisibleTo(user, Access.Write).Select(c => c.Id);
                if (!await db.Opportunities.AnyAsync(o => o.Id == id && writable.Contains(o.CustomerId), cancellationToken))
                {
                    return TypedResults.Problem(detail: "Not found.", statusCode: StatusCodes.Status404NotFound,
                        extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = "not_found" });
                }

                var answer = await HttpFlows.RunAsync(
                    runtime, DefinitionId, TriggerActivityId, $"/sales/opportunities/{id}/stage-advancements",
                    new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["id"] = id.ToString() },
                    FlowValues.Node(body), cancellationToken);
                return answer.ToHttp();
            })
            .RequireAuthorization(Policies.Sales)
            .WithName("AdvanceOpportunityStage")
            .WithTags("Opportunities")
            .WithSummary("Advance an opportunity's stage (or close it as won / lost) by running the stage-advancement flow");
}
