using System.Text.Json;
using CrmFlow.Crm.Common.Flows;
using CrmFlow.Crm.Features.Intents.PromoteIntent;
using CrmFlow.Crm.Features.Opportunities.AdvanceStage;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Server.WebUi;

/// <summary>
/// How the web UI starts the sales flows: the same <c>intent-promotion</c> and <c>opportunity-stage-advancement</c> runs the
/// API endpoints start (same trigger, same body), so the UI adds no rule of its own. The answer is read from what the flow wrote.
/// </summary>
internal sealed class SalesFlows(CircuitScopes scopes)
{
    public async Task<FlowOutcome> PromoteAsync(Guid intentId, PromotionRequest request, CancellationToken cancellationToken = default) =>
        FlowOutcome.From(await scopes.RunAsync(s => HttpFlows.RunAsync(
            s.GetRequiredService<IWorkflowRuntime>(), PromoteIntentEndpoint.DefinitionId, PromoteIntentEndpoint.TriggerActivityId, $"/sales/intents/{intentId}/promotion",
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["id"] = intentId.ToString() },
            FlowValues.Node(request), cancellationToken)).ConfigureAwait(false));

    public async Task<FlowOutcome> AdvanceAsync(Guid opportunityId, StageAdvanceRequest request, CancellationToken cancellationToken = default) =>
        FlowOutcome.From(await scopes.RunAsync(s => HttpFlows.RunAsync(
            s.GetRequiredService<IWorkflowRuntime>(), AdvanceStageEndpoint.DefinitionId, AdvanceStageEndpoint.TriggerActivityId, $"/sales/opportunities/{opportunityId}/stage-advancements",
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["id"] = opportunityId.ToString() },
            FlowValues.Node(request), cancellationToken)).ConfigureAwait(false));
}

/// <summary>A flow's answer for the UI: success, or the refusal's code, detail, unmet gate conditions and field errors.</summary>
internal sealed record FlowOutcome(int StatusCode, Guid? OpportunityId, string? Code, string? Detail, IReadOnlyList<string> UnmetConditions, IReadOnlyList<string> Errors)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static FlowOutcome From(FlowAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Response is not { } response)
        {
            return new FlowOutcome(500, null, null, answer.Fault ?? "The workflow did not answer.", [], []);
        }

        Guid? opportunityId = null;
        string? code = null, detail = null;
        var unmet = new List<string>();
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(response.Content))
        {
            try
            {
                using var json = JsonDocument.Parse(response.Content);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var root = json.RootElement;
                    if (root.TryGetProperty("opportunityId", out var id) && id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var guid))
                    {
                        opportunityId = guid;
                    }

                    code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    if (root.TryGetProperty("unmetConditions", out var u) && u.ValueKind == JsonValueKind.Array)
                    {
                        unmet.AddRange(u.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                    }

                    if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in e.EnumerateObject())
                        {
                            var messages = field.Value.ValueKind == JsonValueKind.Array
                                ? field.Value.EnumerateArray().Select(m => m.ToString())
                                : [field.Value.ToString()];
                            errors.AddRange(messages.Select(m => $"{field.Name}: {m}"));
                        }
                    }
                }
            }
            catch (JsonException)
            {
                detail = response.Content;
            }
        }

        return new FlowOutcome(response.StatusCode, opportunityId, code, detail, unmet, errors);
    }
}
