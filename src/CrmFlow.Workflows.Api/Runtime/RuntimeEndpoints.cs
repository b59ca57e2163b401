using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.Workflows.Api.Runtime;

/// <summary>
/// Elsa's runtime endpoints under <c>/elsa/api</c>: execute and dispatch a definition, trigger an event, complete a
/// task, resume a bookmark by token. Shapes follow elsa-core's <c>Elsa.Workflows.Api</c> endpoints.
/// </summary>
public static class RuntimeEndpoints
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";
    public const string ResponseHeader = "x-elsa-response";

    /// <summary>Activity type of the task bookmarks <c>POST /tasks/{taskId}/complete</c> resumes (stimulus <c>{"taskId": …}</c>).</summary>
    public const string RunTaskType = "Elsa.RunTask";

    public static IEndpointRouteBuilder MapWorkflowRuntimeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(WorkflowsApiModule.Prefix).RequireAuthorization();
        api.MapMethods("/workflow-definitions/{definitionId}/execute", [HttpMethods.Get, HttpMethods.Post], ExecuteAsync);
        api.MapPost("/workflow-definitions/{definitionId}/dispatch", DispatchAsync);
        api.MapPost("/events/{eventName}/trigger", TriggerEventAsync);
        api.MapPost("/tasks/{taskId}/complete", CompleteTaskAsync);
        endpoints.MapMethods(WorkflowsApiModule.Prefix + "/bookmarks/resume", [HttpMethods.Get, HttpMethods.Post], ResumeBookmarkAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> ExecuteAsync(string definitionId, HttpContext context, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadRequestAsync(context, cancellationToken).ConfigureAwait(false);
        if (error != null)
        {
            return error;
        }

        try
        {
            var refusal = await Studio.DraftRunGuard.RefuseInvalidDraftAsync(
                context.RequestServices, definitionId, ParseVersion(body.VersionOptions) ?? VersionOptions.Published, cancellationToken).ConfigureAwait(false);
            if (refusal != null)
            {
                return refusal;
            }
        }
        catch (FormatException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        WorkflowRunResult result;
        try
        {
            result = await runtime.StartAsync(new StartWorkflowRequest(definitionId)
            {
                VersionOptions = ParseVersion(body.VersionOptions) ?? VersionOptions.Published,
                CorrelationId = body.CorrelationId,
                TriggerActivityId = body.TriggerActivityId,
                Input = body.Input,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowNotFoundException)
        {
            return Results.NotFound();
        }
        catch (FormatException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.Headers[CannotStartHeader] = (result.Outcome == WorkflowRunOutcome.NotActivated).ToString();
        if (result.Outcome == WorkflowRunOutcome.NotActivated)
        {
            return Results.Ok();
        }

        context.Response.Headers[InstanceIdHeader] = result.InstanceId;
        context.Response.Headers[ResponseHeader] = "true";
        var payload = new { workflowState = WorkflowStateModel.From(result.State) };
        return result.SubStatus == WorkflowSubStatus.Faulted
            ? Results.Json(payload, RuntimeJson.Options, statusCode: StatusCodes.Status500InternalServerError)
            : Results.Json(payload, RuntimeJson.Options);
    }

    private static async Task<IResult> DispatchAsync(string definitionId, HttpContext context, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadRequestAsync(context, cancellationToken).ConfigureAwait(false);
        if (error != null)
        {
            return error;
        }

        try
        {
            var instanceId = await runtime.DispatchAsync(new StartWorkflowRequest(definitionId)
            {
                VersionOptions = ParseVersion(body.VersionOptions) ?? VersionOptions.Published,
                InstanceId = body.InstanceId,
                CorrelationId = body.CorrelationId,
                TriggerActivityId = body.TriggerActivityId,
                Input = body.Input,
            }, cancellationToken).ConfigureAwait(false);
            context.Response.Headers[InstanceIdHeader] = instanceId;
            return Results.Json(new { workflowInstanceId = instanceId }, RuntimeJson.Options);
        }
        catch (WorkflowNotFoundException)
        {
            return Results.NotFound();
        }
        catch (FormatException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> TriggerEventAsync(string eventName, HttpContext context, IWorkflowRuntime runtime, RuntimeBackgroundWork queue, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadRequestAsync(context, cancellationToken).ConfigureAwait(false);
        if (error != null)
        {
            return error;
        }

        var request = new TriggerWorkflowsRequest("Elsa.Event", Activities.Event.Stimulus(eventName))
        {
            CorrelationId = body.CorrelationId,
            WorkflowInstanceId = body.WorkflowInstanceId,
            Input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Payload"] = body.Input },
        };
        if (string.Equals(body.WorkflowExecutionMode, "Synchronous", StringComparison.OrdinalIgnoreCase))
        {
            var results = await runtime.TriggerAsync(request, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { workflowInstanceIds = results.Select(r => r.InstanceId).ToList() }, RuntimeJson.Options);
        }

        queue.Enqueue((services, ct) => services.GetRequiredService<IWorkflowRuntime>().TriggerAsync(request, ct).AsTask());
        return Results.Ok();
    }

    private static async Task<IResult> CompleteTaskAsync(string taskId, HttpContext context, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadRequestAsync(context, cancellationToken).ConfigureAwait(false);
        if (error != null)
        {
            return error;
        }

        var results = await runtime.TriggerAsync(new TriggerWorkflowsRequest(RunTaskType, new JsonObject { ["taskId"] = taskId })
        {
            StartNew = false,
            Input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Result"] = body.Result },
        }, cancellationToken).ConfigureAwait(false);
        return results.Count == 0 ? Results.NotFound() : Results.Ok(new { });
    }

    private static async Task<IResult> ResumeBookmarkAsync(HttpContext context, IWorkflowRuntime runtime, BookmarkTokens tokens, CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(context.Request.Query["t"], out var bookmarkId, out var instanceId))
        {
            return Results.Problem("Invalid token.", statusCode: StatusCodes.Status400BadRequest);
        }

        Dictionary<string, object?>? input = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var (body, error) = await ReadRequestAsync(context, cancellationToken).ConfigureAwait(false);
            if (error != null)
            {
                return error;
            }

            input = body.Input;
        }
        else if (context.Request.Query["in"] is { Count: > 0 } inText)
        {
            try
            {
                input = RuntimeJson.ToInput(JsonNode.Parse(inText.ToString()));
            }
            catch (JsonException)
            {
                return Results.Problem("Invalid input format. Expected a valid JSON string.", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        try
        {
            await runtime.ResumeAsync(new ResumeBookmarkRequest(bookmarkId) { WorkflowInstanceId = instanceId, Input = input }, cancellationToken).ConfigureAwait(false);
            return Results.Ok();
        }
        catch (WorkflowNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (WorkflowConflictException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static VersionOptions? ParseVersion(string? text) => string.IsNullOrWhiteSpace(text) ? null : VersionOptions.Parse(text);

    /// <summary>Reads the optional JSON body (any casing, explicit nulls) and, for GET, the query string.</summary>
    private static async Task<(RequestBody Body, IResult? Error)> ReadRequestAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = new RequestBody();
        var query = context.Request.Query;
        body.CorrelationId = query["correlationId"].FirstOrDefault();
        body.TriggerActivityId = query["triggerActivityId"].FirstOrDefault();
        body.VersionOptions = query["versionOptions"].FirstOrDefault();
        if (query["input"].FirstOrDefault() is { Length: > 0 } inputText)
        {
            try
            {
                body.Input = RuntimeJson.ToInput(JsonNode.Parse(inputText));
            }
            catch (JsonException)
            {
                return (body, Results.Problem("The input query parameter is not valid JSON.", statusCode: StatusCodes.Status400BadRequest));
            }
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            return (body, null);
        }

        string text;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (body, null);
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (body, Results.Problem($"The request body is not a valid JSON object: {ex.Message}", statusCode: StatusCodes.Status400BadRequest));
        }

        string? Text(string name) => json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => null,
        };

        JsonNode? Node(string name) => json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        body.CorrelationId = Text("correlationId") ?? body.CorrelationId;
        body.TriggerActivityId = Text("triggerActivityId") ?? body.TriggerActivityId;
        body.VersionOptions = Text("versionOptions") ?? body.VersionOptions;
        body.InstanceId = Text("instanceId");
        body.WorkflowInstanceId = Text("workflowInstanceId");
        body.WorkflowExecutionMode = Text("workflowExecutionMode");
        var input = Node("input");
        if (input is JsonValue iv && iv.TryGetValue<string>(out var inputJson))
        {
            try
            {
                input = JsonNode.Parse(inputJson);
            }
            catch (JsonException)
            {
                return (body, Results.Problem("Input must be a dictionary.", statusCode: StatusCodes.Status400BadRequest));
            }
        }

        if (input is not null and not JsonObject)
        {
            return (body, Results.Problem("Input must be a dictionary.", statusCode: StatusCodes.Status400BadRequest));
        }

        body.Input = RuntimeJson.ToInput(input) ?? body.Input;
        body.Result = EngineValueConverter.ToPlain(Node("result"));
        return (body, null);
    }

    private sealed class RequestBody
    {
        public string? CorrelationId { get; set; }

        public string? TriggerActivityId { get; set; }

        public string? VersionOptions { get; set; }

        public string? InstanceId { get; set; }

        public string? WorkflowInstanceId { get; set; }

        public string? WorkflowExecutionMode { get; set; }

        public Dictionary<string, object?>? Input { get; set; }

        public object? Result { get; set; }
    }
}

/// <summary>Protected tokens naming a bookmark, for <c>/elsa/api/bookmarks/resume?t=…</c> links.</summary>
public sealed class BookmarkTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CrmFlow.Workflows.BookmarkToken");

    public string Create(string bookmarkId, string workflowInstanceId) => _protector.Protect(bookmarkId + "|" + workflowInstanceId);

    public bool TryRead(string? token, out string bookmarkId, out string? workflowInstanceId)
    {
        bookmarkId = string.Empty;
        workflowInstanceId = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            return false;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('|');
            bookmarkId = parts[0];
            workflowInstanceId = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
            return bookmarkId.Length > 0;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
