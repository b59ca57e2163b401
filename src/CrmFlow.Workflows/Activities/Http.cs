using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

[Activity("Elsa", "HttpEndpoint", Category = "HTTP", DisplayName = "HTTP Endpoint", Description = "Wait for an inbound HTTP request that matches the specified path and methods.", Kind = ActivityKind.Trigger)]
public sealed class HttpEndpoint : Activity
{
    [Input(Description = "The path to associate with the workflow.")]
    public Input<string> Path { get; set; } = default!;

    [Input(Description = "The HTTP methods to accept.", UIHint = "checklist", Options = ["GET", "POST", "PUT", "HEAD", "DELETE"], DefaultValue = new[] { "GET" })]
    public Input<string[]> SupportedMethods { get; set; } = default!;

    [Input(Description = "Allow authenticated requests only.", Category = "Security")]
    public Input<bool> Authorize { get; set; } = default!;

    [Input(Description = "Provide a policy to evaluate. If the policy fails, the request is forbidden.", Category = "Security")]
    public Input<string> Policy { get; set; } = default!;

    [Input(Description = "The maximum time allowed to process the request.", Category = "Upload")]
    public Input<TimeSpan?> RequestTimeout { get; set; } = default!;

    [Input(Description = "The maximum request size allowed in bytes.", Category = "Upload")]
    public Input<long?> RequestSizeLimit { get; set; } = default!;

    [Output(Description = "The parsed request content, if any.")]
    public Output<object> ParsedContent { get; set; } = default!;

    [Output(Description = "The parsed route data, if any.")]
    public Output<IDictionary<string, object>> RouteData { get; set; } = default!;

    [Output(Description = "The querystring data, if any.")]
    public Output<IDictionary<string, object>> QueryStringData { get; set; } = default!;

    [Output(Description = "The headers, if any.")]
    public Output<IDictionary<string, object>> Headers { get; set; } = default!;

    [Output(Description = "The request.")]
    public Output<object> Result { get; set; } = default!;

    /// <summary>Normalised path (leading slash, lower case) as used in bookmarks and route validation.</summary>
    public static string NormalizePath(string? path) => "/" + (path ?? string.Empty).Trim().TrimStart('/').ToLowerInvariant();

    /// <summary>The bookmark stimulus for one path + method.</summary>
    public static object Stimulus(string path, string method) =>
        new { path = NormalizePath(path), method = method.ToLowerInvariant() };

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow && context.WorkflowInput.TryGetValue(HttpRequestData.InputKey, out var request) && request is HttpRequestData http)
        {
            SetOutputs(context, http);
            return context.CompleteAsync();
        }

        var path = context.Get(Path) ?? string.Empty;
        foreach (var method in context.Get(SupportedMethods) ?? ["GET"])
        {
            context.CreateBookmark(Stimulus(path, method));
        }

        return default;
    }

    protected internal override ValueTask OnResumeAsync(ActivityExecutionContext context)
    {
        if (context.ResumeInput?.GetValueOrDefault(HttpRequestData.InputKey) is HttpRequestData http)
        {
            SetOutputs(context, http);
        }

        // One bookmark per method: resuming one ends the others.
        context.WorkflowState.Bookmarks.RemoveAll(b => b.ActivityInstanceId == context.Id);
        return context.CompleteAsync();
    }

    private void SetOutputs(ActivityExecutionContext context, HttpRequestData http)
    {
        context.Set(ParsedContent, http.ParsedContent);
        context.Set(RouteData, http.RouteData.ToDictionary(p => p.Key, p => p.Value!));
        context.Set(QueryStringData, http.Query.ToDictionary(p => p.Key, p => p.Value!));
        context.Set(Headers, http.Headers.ToDictionary(p => p.Key, p => (object)string.Join(",", p.Value)));
        context.Set(Result, http);
    }

    public override void Validate(ActivityValidationContext validation)
    {
    }
}

[Activity("Elsa", "WriteHttpResponse", Category = "HTTP", DisplayName = "HTTP Response", Description = "Write a response to the current HTTP response object.")]
public sealed class WriteHttpResponse : Activity
{
    /// <summary>Workflow property holding the last response written, for hosts without an <see cref="IHttpResponseSink"/>.</summary>
    public const string ResponseProperty = "HttpResponse";

    [Input(Description = "The status code to return.", DefaultValue = HttpStatusCode.OK, UIHint = "dropdown")]
    public Input<HttpStatusCode> StatusCode { get; set; } = default!;

    [Input(Description = "The content to write back. Strings are sent as-is; objects as JSON.")]
    public Input<object> Content { get; set; } = default!;

    [Input(Description = "The content type to use when returning the response.", UIHint = "dropdown", Options = ["", "text/plain", "text/html", "application/json", "application/xml"])]
    public Input<string> ContentType { get; set; } = default!;

    [Input(Description = "The headers to return along with the response.", Category = "Advanced", UIHint = "json-editor")]
    public Input<IDictionary<string, object>> ResponseHeaders { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var content = context.Get(Content);
        var text = content switch
        {
            null => null,
            string s => s,
            _ => JsonSerializer.Serialize(content, WorkflowStateSerializer.Options),
        };
        var contentType = context.Get(ContentType);
        if (string.IsNullOrEmpty(contentType))
        {
            contentType = content is null or string ? "text/plain" : "application/json";
        }

        var headers = (context.Get(ResponseHeaders) ?? new Dictionary<string, object>())
            .ToDictionary(p => p.Key, p => p.Value is System.Collections.IEnumerable e and not string ? e.Cast<object>().Select(x => x.ToString()!).ToArray() : [p.Value?.ToString() ?? string.Empty]);
        var response = new HttpResponseData((int)context.Get(StatusCode), text, contentType, headers);
        if (context.Services.GetService(typeof(IHttpResponseSink)) is IHttpResponseSink sink)
        {
            await sink.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }

        context.WorkflowState.Properties[ResponseProperty] = response;
        context.SetOutput("Response", response);
        await context.CompleteAsync().ConfigureAwait(false);
    }
}

/// <summary>Shared request logic of the two HTTP request activities.</summary>
public abstract class SendHttpRequestBase : Activity
{
    [Input(Description = "The URL to send the request to.", Order = 0)]
    public Input<Uri> Url { get; set; } = default!;

    [Input(Description = "The HTTP method to use when sending the request.", DefaultValue = "GET", UIHint = "dropdown", Options = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])]
    public Input<string> Method { get; set; } = default!;

    [Input(Description = "The contents to send as part of the request.")]
    public Input<object> Content { get; set; } = default!;

    [Input(Description = "The content type to send with the request.", UIHint = "dropdown", Options = ["", "text/plain", "application/json", "application/x-www-form-urlencoded"])]
    public Input<string> ContentType { get; set; } = default!;

    [Input(Description = "The Authorization header value to send.", Category = "Security")]
    public Input<string> Authorization { get; set; } = default!;

    [Input(Description = "The headers to send along with the request.", Category = "Advanced", UIHint = "json-editor")]
    public Input<IDictionary<string, object>> RequestHeaders { get; set; } = default!;

    [Output(Description = "The HTTP response status code")]
    public Output<int> StatusCode { get; set; } = default!;

    [Output(Description = "The parsed content, if any.")]
    public Output<object> ParsedContent { get; set; } = default!;

    [Output(Description = "The response headers that were received.")]
    public Output<IDictionary<string, object>> ResponseHeaders { get; set; } = default!;

    /// <summary>Sends the request; returns the status code, or null when the connection failed (outcome set by caller).</summary>
    protected async ValueTask<(int? Status, bool TimedOut)> SendAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sender = context.Services.GetService(typeof(IHttpRequestSender)) as IHttpRequestSender
            ?? throw new InvalidOperationException("HTTP request activities need an IHttpRequestSender.");
        using var request = new HttpRequestMessage(new HttpMethod(context.Get(Method) ?? "GET"), context.Get(Url));
        var content = context.Get(Content);
        if (content != null)
        {
            var text = content as string ?? JsonSerializer.Serialize(content, WorkflowStateSerializer.Options);
            request.Content = new StringContent(text, Encoding.UTF8, string.IsNullOrEmpty(context.Get(ContentType)) ? (content is string ? "text/plain" : "application/json") : context.Get(ContentType)!);
        }

        if (context.Get(Authorization) is { Length: > 0 } auth)
        {
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        foreach (var (k, v) in context.Get(RequestHeaders) ?? new Dictionary<string, object>())
        {
            request.Headers.TryAddWithoutValidation(k, v?.ToString());
        }

        try
        {
            using var response = await sender.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false);
            object? parsed = body;
            if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && body.Length > 0)
            {
                parsed = EngineValueConverter.ToPlain(System.Text.Json.Nodes.JsonNode.Parse(body));
            }

            context.Set(StatusCode, (int)response.StatusCode);
            context.Set(ParsedContent, parsed);
            context.Set(ResponseHeaders, response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => (object)string.Join(",", h.Value)));
            return ((int)response.StatusCode, false);
        }
        catch (HttpRequestException)
        {
            return (null, false);
        }
        catch (TaskCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            return (null, true);
        }
    }
}

[Activity("Elsa", "SendHttpRequest", Category = "HTTP", DisplayName = "HTTP Request", Description = "Send an HTTP request.", Kind = ActivityKind.Task)]
[EmbeddedPort("UnmatchedStatusCode")]
[EmbeddedPort("FailedToConnect")]
[EmbeddedPort("Timeout")]
public sealed class SendHttpRequest : SendHttpRequestBase
{
    /// <summary>Cases <c>[{ "statusCode": 200, "activity": {…} }]</c>: the activity to run for each expected status code.</summary>
    [Input(Description = "A list of expected status codes to handle and the corresponding activity to execute when a matching status code is received.",
        UIHint = "http-status-codes", IsWrapped = false)]
    public Input<object> ExpectedStatusCodes { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var (status, timedOut) = await SendAsync(context).ConfigureAwait(false);
        var next = status switch
        {
            null => Node.GetChild(timedOut ? "timeout" : "failedToConnect"),
            _ => FindCase(status.Value) ?? Node.GetChild("unmatchedStatusCode"),
        };
        if (next == null)
        {
            await context.CompleteAsync().ConfigureAwait(false);
            return;
        }

        context.ScheduleActivity(next);
    }

    private Model.ActivityNode? FindCase(int status)
    {
        if (Node.Json["expectedStatusCodes"] is not System.Text.Json.Nodes.JsonArray cases)
        {
            return null;
        }

        var activities = Node.GetCaseActivities("expectedStatusCodes");
        for (var i = 0; i < cases.Count && i < activities.Count; i++)
        {
            if (cases[i] is System.Text.Json.Nodes.JsonObject c && Model.JsonAccess.GetInt(c, "statusCode") == status && activities[i] != null)
            {
                return activities[i];
            }
        }

        return null;
    }
}

[Activity("Elsa", "FlowSendHttpRequest", Category = "HTTP", DisplayName = "HTTP Request (flow)", Description = "Send an HTTP request.", Kind = ActivityKind.Task)]
[FlowNode("Done", "Unmatched status code", "Failed to connect", "Timeout")]
public sealed class FlowSendHttpRequest : SendHttpRequestBase
{
    [Input(Description = "A list of expected status codes to handle.", UIHint = "http-status-codes")]
    public Input<int[]> ExpectedStatusCodes { get; set; } = default!;

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var (status, timedOut) = await SendAsync(context).ConfigureAwait(false);
        if (status == null)
        {
            await context.CompleteAsync(timedOut ? "Timeout" : "Failed to connect").ConfigureAwait(false);
            return;
        }

        var expected = context.Get(ExpectedStatusCodes) ?? [];
        var outcome = expected.Contains(status.Value) ? status.Value.ToString(CultureInfo.InvariantCulture) : "Unmatched status code";
        await context.CompleteAsync(outcome, Outcomes.Done).ConfigureAwait(false);
    }
}
