using CrmFlow.Workflows.Model;

namespace CrmFlow.Workflows.Runtime;

/// <summary>Where <c>Elsa.WriteLine</c> writes (console by default; tests capture lines).</summary>
public interface IStandardOutput
{
    void WriteLine(string text);
}

/// <summary>Writes to <see cref="Console.Out"/>.</summary>
public sealed class ConsoleStandardOutput : IStandardOutput
{
    public void WriteLine(string text) => Console.Out.WriteLine(text);
}

/// <summary>Finds definitions for ExecuteWorkflow, DispatchWorkflow and workflow-as-activity resolution.</summary>
public interface IWorkflowDefinitionProvider
{
    /// <summary>The published version of a definition, or null.</summary>
    ValueTask<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>A specific version by its version id, or null.</summary>
    ValueTask<WorkflowDefinition?> FindByVersionIdAsync(string definitionVersionId, CancellationToken cancellationToken = default);
}

/// <summary>Publishes events for <c>Elsa.PublishEvent</c> (the runtime delivers them to Event bookmarks/triggers).</summary>
public interface IEventPublisher
{
    ValueTask PublishAsync(EventPublication publication, CancellationToken cancellationToken = default);
}

public sealed record EventPublication(string EventName, string? CorrelationId, string? WorkflowInstanceId, bool IsLocal, object? Payload);

/// <summary>Starts a workflow asynchronously for <c>Elsa.DispatchWorkflow</c>.</summary>
public interface IWorkflowDispatcher
{
    /// <summary>Dispatches and returns the new instance id.</summary>
    ValueTask<string> DispatchAsync(DispatchWorkflowRequest request, CancellationToken cancellationToken = default);
}

public sealed record DispatchWorkflowRequest(
    string DefinitionId,
    string? CorrelationId,
    IDictionary<string, object?> Input,
    string ParentWorkflowInstanceId,
    bool WaitForCompletion);

/// <summary>The HTTP response of the request that triggered or resumed the workflow (HTTP layer implements it).</summary>
public interface IHttpResponseSink
{
    ValueTask WriteAsync(HttpResponseData response, CancellationToken cancellationToken = default);
}

public sealed record HttpResponseData(int StatusCode, string? Content, string? ContentType, IReadOnlyDictionary<string, string[]> Headers);

/// <summary>Sends outbound HTTP requests for <c>Elsa.SendHttpRequest</c>/<c>Elsa.FlowSendHttpRequest</c>.</summary>
public interface IHttpRequestSender
{
    ValueTask<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default);
}

/// <summary>Default sender over a shared <see cref="HttpClient"/>.</summary>
public sealed class HttpClientRequestSender(HttpClient client) : IHttpRequestSender
{
    public async ValueTask<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
}

/// <summary>The inbound HTTP request that triggered a workflow (passed as workflow input under <see cref="InputKey"/>).</summary>
public sealed record HttpRequestData(
    string Method,
    string Path,
    IReadOnlyDictionary<string, object?> RouteData,
    IReadOnlyDictionary<string, object?> Query,
    IReadOnlyDictionary<string, string[]> Headers,
    object? ParsedContent)
{
    public const string InputKey = "HttpRequest";
}
