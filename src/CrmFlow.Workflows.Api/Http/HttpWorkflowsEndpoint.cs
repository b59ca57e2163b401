using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Api.Runtime;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace CrmFlow.Workflows.Api.Http;

/// <summary>
/// <c>/workflows/{path}</c>: an <c>Elsa.HttpEndpoint</c> trigger whose path template and method match starts a new
/// instance; otherwise a waiting <c>Elsa.HttpEndpoint</c> bookmark for that exact path and method is resumed. The
/// request (route values, query, headers without credentials, parsed body) is the flow's input. What
/// <c>Elsa.WriteHttpResponse</c> wrote is sent back; a flow that suspends without answering gives 202 with the
/// instance id; no match gives 404; an unreadable body gives 400 before any instance exists.
/// </summary>
public static class HttpWorkflowsEndpoint
{
    public const string BasePath = "/workflows";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TemplateMatcher> Matchers = new(StringComparer.Ordinal);

    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie", "X-Api-Key", "Proxy-Authorization" };

    public static IEndpointRouteBuilder MapHttpWorkflows(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map(BasePath + "/{**path}", HandleAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, string? path, IBookmarkStore bookmarks, IWorkflowDefinitionStore definitions,
        IWorkflowRuntime runtime, HttpResponseCapture capture, IAuthorizationService authorization)
    {
        var cancellationToken = context.RequestAborted;
        var requestPath = Activities.HttpEndpoint.NormalizePath(path);
        var method = context.Request.Method.ToLowerInvariant();

        // 1. A start trigger whose template matches.
        (StoredTrigger Trigger, RouteValueDictionary Values)? match = null;
        foreach (var trigger in await bookmarks.ListTriggersByNameAsync("Elsa.HttpEndpoint", cancellationToken).ConfigureAwait(false))
        {
            if (trigger.Stimulus is not JsonObject s || s["method"]?.GetValue<string>() != method || s["path"]?.GetValue<string>() is not { } template)
            {
                continue;
            }

            var values = new RouteValueDictionary();
            if (Matcher(template).TryMatch(requestPath, values))
            {
                match = (trigger, values);
                break;
            }
        }

        // 2. Otherwise a bookmark waiting on this exact path and method.
        StoredBookmark? bookmark = null;
        if (match is null)
        {
            var hash = BookmarkHasher.Hash("Elsa.HttpEndpoint", new JsonObject { ["path"] = requestPath, ["method"] = method });
            var waiting = await bookmarks.ListByHashAsync(hash, cancellationToken: cancellationToken).ConfigureAwait(false);
            bookmark = waiting.Count > 0 ? waiting[0] : null;
            if (bookmark is null)
            {
                await Results.NotFound().ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        WorkflowDefinition? definition = null;
        ActivityNode? node = null;
        if (match is { } m)
        {
            definition = await definitions.FindExecutableAsync(m.Trigger.DefinitionVersionId, cancellationToken).ConfigureAwait(false);
            node = definition?.AllActivities.FirstOrDefault(a => a.Id == m.Trigger.ActivityId);
            if (definition is null || node is null)
            {
                await Results.NotFound().ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (!await AuthorizeAsync(context, node, authorization).ConfigureAwait(false))
            {
                return;
            }
        }

        var (content, error) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (error != null)
        {
            await error.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var request = new HttpRequestData(
            context.Request.Method,
            requestPath,
            (match?.Values ?? []).ToDictionary(p => p.Key, p => (object?)p.Value?.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.Count == 1 ? (object?)q.Value.ToString() : q.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
            context.Request.Headers.Where(h => !CredentialHeaders.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase),
            content);
        var input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { [HttpRequestData.InputKey] = request };

        WorkflowRunResult result;
        try
        {
            result = match is { } started
                ? await runtime.StartAsync(new StartWorkflowRequest(started.Trigger.DefinitionId)
                {
                    Definition = definition,
                    TriggerActivityId = started.Trigger.ActivityId,
                    CorrelationId = context.Request.Query["correlationId"].FirstOrDefault(),
                    Input = input,
                }, cancellationToken).ConfigureAwait(false)
                : await runtime.ResumeAsync(new ResumeBookmarkRequest(bookmark!.Id) { Input = input }, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowConflictException ex)
        {
            await Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (WorkflowNotFoundException)
        {
            await Results.NotFound().ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers[RuntimeEndpoints.InstanceIdHeader] = result.InstanceId;
        if (capture.Response is { } response)
        {
            await WriteAsync(context, response, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (result.SubStatus == WorkflowSubStatus.Faulted)
        {
            var message = result.State.Incidents.FirstOrDefault()?.Message ?? "The workflow faulted.";
            await Results.Problem(message, statusCode: StatusCodes.Status500InternalServerError, title: "Workflow faulted").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (result.Status == WorkflowStatus.Running)
        {
            await Results.Json(new { workflowInstanceId = result.InstanceId }, RuntimeJson.Options, statusCode: StatusCodes.Status202Accepted).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>Parsed route templates, shared by requests (a matcher holds no per-match state).</summary>
    private static TemplateMatcher Matcher(string template)
    {
        if (Matchers.TryGetValue(template, out var matcher))
        {
            return matcher;
        }

        if (Matchers.Count >= 1024)
        {
            Matchers.Clear();
        }

        return Matchers[template] = new TemplateMatcher(TemplateParser.Parse(template.TrimStart('/')), []);
    }

    private static async Task<bool> AuthorizeAsync(HttpContext context, ActivityNode node, IAuthorizationService authorization)
    {
        var authorize = node.GetInput("authorize")?.Expression is { } a && string.Equals(a.ValueAsString, "true", StringComparison.OrdinalIgnoreCase);
        var policy = node.GetInput("policy")?.Expression?.ValueAsString;
        if (!authorize && string.IsNullOrWhiteSpace(policy))
        {
            return true;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync().ConfigureAwait(false);
            return false;
        }

        if (!string.IsNullOrWhiteSpace(policy) && !(await authorization.AuthorizeAsync(context.User, policy).ConfigureAwait(false)).Succeeded)
        {
            await context.ForbidAsync().ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private static async Task<(object? Content, IResult? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return (null, null);
        }

        var contentType = request.ContentType ?? string.Empty;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
                return (form.ToDictionary(f => f.Key, f => f.Value.Count == 1 ? (object?)f.Value.ToString() : f.Value.ToArray(), StringComparer.OrdinalIgnoreCase), null);
            }
            catch (InvalidDataException ex)
            {
                return (null, Results.Problem($"The form body could not be read: {ex.Message}", statusCode: StatusCodes.Status400BadRequest));
            }
        }

        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return (null, null);
            }

            try
            {
                return (EngineValueConverter.ToPlain(JsonNode.Parse(text)), null);
            }
            catch (JsonException ex)
            {
                return (null, Results.Problem($"The request body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Bad request body"));
            }
        }

        return (text, null);
    }

    private static async Task WriteAsync(HttpContext context, HttpResponseData response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, values) in response.Headers)
        {
            context.Response.Headers[name] = values;
        }

        if (response.Content is null)
        {
            return;
        }

        context.Response.ContentType = string.IsNullOrEmpty(response.ContentType) ? "text/plain; charset=utf-8" : response.ContentType;
        await context.Response.WriteAsync(response.Content, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Collects what <c>Elsa.WriteHttpResponse</c> wrote during the request's run (scoped per request).</summary>
public sealed class HttpResponseCapture : IHttpResponseSink
{
    public HttpResponseData? Response { get; private set; }

    public ValueTask WriteAsync(HttpResponseData response, CancellationToken cancellationToken = default)
    {
        Response ??= response;
        return default;
    }
}
