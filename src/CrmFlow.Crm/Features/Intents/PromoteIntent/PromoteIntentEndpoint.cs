using CrmFlow.Crm.Common.Flows;
using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Intents.GetIntent;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Intents.PromoteIntent;

internal static class PromoteIntentEndpoint
{
    /// <summary>The flow (<c>workflows/intent-promotion.json</c>) and its HTTP trigger node.</summary>
    public const string DefinitionId = "intent-promotion";
    public const string TriggerActivityId = "HttpEndpoint1";

    /// <summary>
    /// Starts <c>intent-promotion</c> for a user who may write the intent's customer (404 otherwise) and answers what the
    /// flow answered: 201 with the promotion, 400/422 ProblemDetails with a code, 500 when it faulted (nothing written).
    /// </summary>
    public static RouteHandlerBuilder MapPromoteIntent(this IEndpointRouteBuilder api) =>
        api.MapPost("/intents/{id:guid}/promotion", async (
                Guid id, PromotionRequest body, ISender sender, IWorkflowRuntime runtime, CancellationToken cancellationToken) =>
            {
                var intent = await sender.Send(new GetIntentQuery(id), cancellationToken);
                if (!intent.IsOk || !intent.Value!.CanWrite)
                {
                    return intent.IsOk ? Common.Results.Result<IntentDetails>.NotFound().ToHttp() : intent.ToHttp();
                }

                var answer = await HttpFlows.RunAsync(
                    runtime, DefinitionId, TriggerActivityId, $"/sales/intents/{id}/promotion",
                    new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["id"] = id.ToString() },
                    FlowValues.Node(body), cancellationToken);
                return answer.ToHttp();
            })
            .RequireAuthorization(Policies.Sales)
            .WithName("PromoteIntent")
            .WithTags("Intents")
            .WithSummary("Promote an intent to an opportunity by running the intent-promotion flow");
}
