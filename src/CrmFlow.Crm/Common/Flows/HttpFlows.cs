using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Crm.Common.Flows;

/// <summary>
/// Runs a flow whose start is an <c>Elsa.HttpEndpoint</c> from a CRM API endpoint: the flow starts at that trigger with the
/// same request data a call to <c>/workflows/…</c> would give it, so the API, the web UI and HTTP-trigger integrations
/// run one and the same flow. The answer is what the flow's <c>Elsa.WriteHttpResponse</c> wrote.
/// </summary>
internal static class HttpFlows
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";

    public static async Task<FlowAnswer> RunAsync(
        IWorkflowRuntime runtime, string definitionId, string triggerActivityId, string path,
        IReadOnlyDictionary<string, object?> routeValues, object? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var request = new HttpRequestData(
            "POST", path, routeValues,
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase),
            body);
        var result = await runtime.StartAsync(new StartWorkflowRequest(definitionId)
        {
            TriggerActivityId = triggerActivityId,
            Input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { [HttpRequestData.InputKey] = request },
        }, cancellationToken).ConfigureAwait(false);
        var response = result.State.Properties.TryGetValue(WriteHttpResponse.ResponseProperty, out var written) ? written as HttpResponseData : null;
        var fault = result.SubStatus == WorkflowSubStatus.Faulted
            ? result.State.Incidents.FirstOrDefault()?.Message ?? "The workflow faulted."
            : null;
        return new FlowAnswer(result.InstanceId, response, fault);
    }

    /// <summary>The HTTP answer for a flow run: what it wrote, else 500 when it faulted, else 202 with the instance id.</summary>
    public static IResult ToHttp(this FlowAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Response is { } response)
        {
            return new FlowResult(answer.InstanceId, response);
        }

        return answer.Fault is { } fault
            ? TypedResults.Problem(fault, statusCode: StatusCodes.Status500InternalServerError, title: "Workflow faulted",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["workflowInstanceId"] = answer.InstanceId })
            : TypedResults.Accepted((string?)null, new { workflowInstanceId = answer.InstanceId });
    }

    private sealed class FlowResult(string instanceId, HttpResponseData response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            httpContext.Response.Headers[InstanceIdHeader] = instanceId;
            foreach (var (name, values) in response.Headers)
            {
                httpContext.Response.Headers[name] = values;
            }

            if (response.Content is { } content)
            {
                httpContext.Response.ContentType = string.IsNullOrEmpty(response.ContentType) ? "text/plain; charset=utf-8" : response.ContentType;
                await httpContext.Response.WriteAsync(content, httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>How a flow run answered: the response it wrote, or its fault.</summary>
internal sealed record FlowAnswer(string InstanceId, HttpResponseData? Response, string? Fault);
