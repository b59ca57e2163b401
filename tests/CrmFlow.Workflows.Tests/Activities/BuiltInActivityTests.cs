using System.Net;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Tests.Support;

namespace CrmFlow.Workflows.Tests.Activities;

public class BuiltInActivityTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<(TestHost Host, RunWorkflowResult Result)> RunAsync(JsonObject root, Action<TestHost>? setup = null, Action<JsonObject>? configure = null)
    {
        var host = new TestHost();
        setup?.Invoke(host);
        var result = await host.Runner.RunAsync(Wf.Definition(root, configure: configure), cancellationToken: Ct);
        return (host, result);
    }

    [Fact]
    public async Task Sequence_runs_children_in_order()
    {
        var (host, result) = await RunAsync(Wf.Sequence("s", Wf.WriteLine("a", "1"), Wf.WriteLine("b", "2"), Wf.WriteLine("c", "3")));

        Assert.Equal(["1", "2", "3"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Theory]
    [InlineData("True", "then")]
    [InlineData("false", "else")]
    public async Task If_schedules_then_or_else_from_a_literal_condition(string condition, string expected)
    {
        var (host, _) = await RunAsync(Wf.Activity("if", "Elsa.If", ("condition", Wf.Literal(condition, "Boolean")),
            ("then", Wf.WriteLine("t", "then")), ("else", Wf.WriteLine("e", "else"))));

        Assert.Equal([expected], host.Lines);
    }

    [Fact]
    public async Task ForEach_runs_the_body_once_per_item_sequentially()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Activity("loop", "Elsa.ForEach", ("items", Wf.ObjectExpression("[\"a\",\"b\",\"c\"]")),
            ("body", Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("Next", "String"))))));
        var result = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        var iterations = 0;
        while (result.Bookmarks.Count > 0)
        {
            Assert.Single(result.Bookmarks);
            iterations++;
            result = await host.Runner.ResumeAsync(definition, result.State, result.Bookmarks[0].Id, cancellationToken: Ct);
        }

        Assert.Equal(3, iterations);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(3, result.Journal.Count(e => e.ActivityId == "ev" && e.EventName == JournalEvents.Completed));
    }

    [Fact]
    public async Task ForEach_exposes_current_value_as_a_variable_to_the_body()
    {
        var host = new TestHost();
        var probe = new VariableProbe("CurrentValue");
        var engine = new WorkflowEngine(host.Registry, [.. TestEvaluators.All(), probe], host.Time);
        var runner = new WorkflowRunner(engine, host.Services);
        var definition = Wf.Definition(Wf.Activity("loop", "Elsa.ForEach", ("items", Wf.ObjectExpression("[1,2,3]")),
            ("body", Wf.Activity("w", "Elsa.WriteLine", ("text", new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Probe", ["value"] = "x" } })))));

        var result = await runner.RunAsync(definition, cancellationToken: Ct);

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["1", "2", "3"], host.Lines);
    }

    [Fact]
    public async Task ParallelForEach_schedules_every_item_before_completing()
    {
        var (host, result) = await RunAsync(Wf.Sequence("s",
            Wf.Activity("loop", "Elsa.ParallelForEach", ("items", Wf.ObjectExpression("[\"x\",\"y\"]")), ("body", Wf.WriteLine("w", "item"))),
            Wf.WriteLine("end", "end")));

        Assert.Equal(["item", "item", "end"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task For_counts_inclusively_from_start_to_end()
    {
        var (host, _) = await RunAsync(Wf.Activity("for", "Elsa.For", ("start", Wf.Literal("1", "Int32")), ("end", Wf.Literal("3", "Int32")),
            ("body", Wf.WriteLine("w", "tick"))));

        Assert.Equal(3, host.Lines.Count);
    }

    [Fact]
    public async Task While_with_a_true_condition_stops_at_break()
    {
        var (host, result) = await RunAsync(Wf.Sequence("s",
            Wf.Activity("loop", "Elsa.While", ("condition", Wf.Literal(true, "Boolean")),
                ("body", Wf.Sequence("b", Wf.WriteLine("w", "once"), Wf.Activity("brk", "Elsa.Break")))),
            Wf.WriteLine("after", "after")));

        Assert.Equal(["once", "after"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task FlowSwitch_follows_the_first_matching_case_or_default()
    {
        var cases = new JsonArray(
            new JsonObject { ["label"] = "A", ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = "false" } },
            new JsonObject { ["label"] = "B", ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = "true" } });
        var (host, _) = await RunAsync(Wf.Flowchart("f", [
            Wf.Activity("sw", "Elsa.FlowSwitch", ("cases", cases)),
            Wf.WriteLine("a", "A"), Wf.WriteLine("b", "B"), Wf.WriteLine("d", "Default"),
        ], ("sw", "A", "a"), ("sw", "B", "b"), ("sw", "Default", "d")));

        Assert.Equal(["B"], host.Lines);
    }

    [Fact]
    public async Task Switch_runs_the_matching_case_activity()
    {
        var cases = new JsonArray(new JsonObject
        {
            ["label"] = "yes",
            ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = "true" },
            ["activity"] = Wf.WriteLine("y", "yes"),
        });
        var (host, _) = await RunAsync(Wf.Activity("sw", "Elsa.Switch", ("cases", cases), ("default", Wf.WriteLine("d", "default"))));

        Assert.Equal(["yes"], host.Lines);
    }

    [Fact]
    public async Task Switch_case_activity_that_suspends_resumes_from_serialised_state()
    {
        var cases = new JsonArray(new JsonObject
        {
            ["label"] = "wait",
            ["condition"] = new JsonObject { ["type"] = "Literal", ["value"] = "true" },
            ["activity"] = Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("Go", "String"))),
        });
        var definition = Wf.Definition(Wf.Sequence("s", Wf.Activity("sw", "Elsa.Switch", ("cases", cases)), Wf.WriteLine("after", "after")));
        var host = new TestHost();
        var started = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        var state = WorkflowStateSerializer.Deserialize(WorkflowStateSerializer.Serialize(started.State));
        var other = new TestHost();
        var resumed = await other.Runner.ResumeAsync(Wf.Definition(Wf.Sequence("s", Wf.Activity("sw", "Elsa.Switch", ("cases", cases.DeepClone())), Wf.WriteLine("after", "after"))),
            state, state.Bookmarks[0].Id, cancellationToken: Ct);

        Assert.Equal(["after"], other.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
    }

    [Fact]
    public async Task Fork_wait_all_completes_after_every_branch()
    {
        var (host, result) = await RunAsync(Wf.Sequence("s",
            Wf.Activity("fork", "Elsa.Fork", ("joinMode", Wf.Literal("WaitAll", "String")), ("branches", new JsonArray(Wf.WriteLine("b1", "1"), Wf.WriteLine("b2", "2")))),
            Wf.WriteLine("end", "end")));

        Assert.Equal(["1", "2", "end"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task FlowFork_outcomes_are_the_branch_names()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.Provide("api-flowfork-completes", "fork.json"));

        Assert.Contains(result.Journal, e => e.ActivityType == "Elsa.FlowFork" && e.EventName == JournalEvents.Completed && e.Outcomes!.SequenceEqual(["One", "Two", "Three"]));
    }

    [Fact]
    public async Task Finish_ends_the_workflow_and_cancels_other_branches()
    {
        var (host, result) = await RunAsync(Wf.Flowchart("f", [
            Wf.Activity("s", "Elsa.Start"),
            Wf.Activity("finish", "Elsa.Finish"),
            Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("x", "String"))),
        ], ("s", "Done", "ev"), ("s", "Done", "finish")));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Empty(result.Bookmarks);
        Assert.Empty(host.Lines);
    }

    [Fact]
    public async Task End_completes_the_flowchart_immediately()
    {
        var (host, result) = await RunAsync(Wf.Flowchart("f", [
            Wf.Activity("s", "Elsa.Start"), Wf.Activity("end", "Elsa.End"),
            Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("x", "String"))),
        ], ("s", "Done", "ev"), ("s", "Done", "end")));

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Empty(result.Bookmarks);
        Assert.Empty(host.Lines);
    }

    [Fact]
    public async Task SetVariable_Correlate_and_SetName_update_the_instance()
    {
        var variable = new JsonObject { ["id"] = "v1", ["name"] = "Count", ["typeName"] = "Int32" };
        var (_, result) = await RunAsync(Wf.Sequence("s",
                Wf.Activity("set", "Elsa.SetVariable", ("variable", variable), ("value", Wf.Literal("5"))),
                Wf.Activity("cor", "Elsa.Correlate", ("correlationId", Wf.Literal("order-1", "String"))),
                Wf.Activity("name", "Elsa.SetName", ("value", Wf.Literal("Order 1", "String")))),
            configure: j => j["variables"] = new JsonArray(new JsonObject { ["id"] = "v1", ["name"] = "Count", ["typeName"] = "Int32", ["value"] = "0" }));

        Assert.Equal(5, result.State.Variables["Count"]);
        Assert.Equal("order-1", result.State.CorrelationId);
        Assert.Equal("Order 1", result.State.Name);
    }

    [Fact]
    public async Task SetOutput_writes_the_workflow_output()
    {
        var (_, result) = await RunAsync(Wf.Activity("o", "Elsa.SetOutput", ("outputName", Wf.Literal("Total", "String")), ("outputValue", Wf.Literal(3))),
            configure: j => j["outputs"] = new JsonArray(new JsonObject { ["name"] = "Total", ["type"] = "Int32" }));

        Assert.Equal(3, Assert.IsType<int>(result.Output["Total"]));
    }

    [Fact]
    public async Task Delay_creates_a_bookmark_with_resume_at_from_the_clock()
    {
        var (host, result) = await RunAsync(Wf.Activity("d", "Elsa.Delay", ("timeSpan", Wf.Literal("00:00:05", "TimeSpan"))));

        var bookmark = Assert.Single(result.Bookmarks);
        Assert.Equal("Elsa.Delay", bookmark.Name);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(5), DateTimeOffset.Parse((string)bookmark.Payload!["resumeAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(WorkflowSubStatus.Suspended, result.SubStatus);
    }

    [Fact]
    public async Task Cron_waits_for_the_next_occurrence_with_seconds()
    {
        var (host, result) = await RunAsync(Wf.Activity("c", "Elsa.Cron", ("cronExpression", Wf.Literal("30 0 * * * *", "String"))));

        var resumeAt = DateTimeOffset.Parse((string)Assert.Single(result.Bookmarks).Payload!["resumeAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(30), resumeAt);
    }

    [Fact]
    public async Task StartAt_in_the_past_completes_at_once()
    {
        var (_, result) = await RunAsync(Wf.Activity("s", "Elsa.StartAt", ("dateTime", Wf.Literal("2020-01-01T00:00:00Z", "DateTimeOffset"))));

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task Event_resume_input_becomes_its_result()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("Paid", "String"))));
        var started = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        var resumed = await host.Runner.ResumeAsync(definition, started.State, started.Bookmarks[0].Id, new Dictionary<string, object?> { ["Payload"] = "p" }, Ct);

        Assert.Equal("p", resumed.State.ActivityOutputs["ev"]["Result"]);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
    }

    [Fact]
    public async Task PublishEvent_goes_through_the_event_publisher()
    {
        var publisher = new RecordingPublisher();
        var (_, result) = await RunAsync(Wf.Activity("p", "Elsa.PublishEvent", ("eventName", Wf.Literal("Paid", "String")), ("payload", Wf.Literal("42"))),
            h => h.Services.Add<IEventPublisher>(publisher));

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var published = Assert.Single(publisher.Published);
        Assert.Equal("Paid", published.EventName);
        Assert.Equal("42", published.Payload);
    }

    [Fact]
    public async Task DispatchWorkflow_without_waiting_returns_the_dispatched_instance_id()
    {
        var dispatcher = new RecordingDispatcher();
        var (_, result) = await RunAsync(Wf.Activity("d", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Wf.Literal("child", "String"))),
            h => h.Services.Add<IWorkflowDispatcher>(dispatcher));

        Assert.Equal("dispatched-1", result.State.ActivityOutputs["d"]["Result"]);
        Assert.Equal("child", Assert.Single(dispatcher.Requests).DefinitionId);
    }

    [Fact]
    public async Task FlowSendHttpRequest_follows_the_expected_status_code_port()
    {
        var sender = new StubSender(HttpStatusCode.Created, "{\"id\":7}");
        var (host, result) = await RunAsync(Wf.Flowchart("f", [
            Wf.Activity("req", "Elsa.FlowSendHttpRequest", ("url", Wf.Literal("https://example.test/orders", "Uri")), ("method", Wf.Literal("POST", "String")),
                ("expectedStatusCodes", Wf.ObjectExpression("[201]"))),
            Wf.WriteLine("ok", "created"), Wf.WriteLine("bad", "unmatched"),
        ], ("req", "201", "ok"), ("req", "Unmatched status code", "bad")), h => h.Services.Add<IHttpRequestSender>(sender));

        Assert.Equal(["created"], host.Lines);
        Assert.Equal(201, result.State.ActivityOutputs["req"]["StatusCode"]);
        Assert.Equal(HttpMethod.Post, sender.LastMethod);
    }

    [Fact]
    public async Task SendHttpRequest_runs_the_activity_of_the_matching_status_code()
    {
        var cases = new JsonArray(
            new JsonObject { ["statusCode"] = 201, ["activity"] = Wf.WriteLine("created", "created") },
            new JsonObject { ["statusCode"] = 404, ["activity"] = Wf.WriteLine("missing", "missing") });
        var (host, result) = await RunAsync(Wf.Sequence("s",
            Wf.Activity("req", "Elsa.SendHttpRequest", ("url", Wf.Literal("https://example.test/", "Uri")), ("expectedStatusCodes", cases),
                ("unmatchedStatusCode", Wf.WriteLine("other", "other"))),
            Wf.WriteLine("after", "after")), h => h.Services.Add<IHttpRequestSender>(new StubSender(HttpStatusCode.Created, "{}")));

        Assert.Equal(["created", "after"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task HttpEndpoint_started_by_its_trigger_completes_with_request_outputs_and_response_goes_to_the_sink()
    {
        var host = new TestHost();
        var sink = new RecordingSink();
        host.Services.Add<IHttpResponseSink>(sink);
        var definition = host.ImportAndPublish("http-endpoint-hello-world", "http-hello-world.json");
        var request = new HttpRequestData("GET", "/hello-world", new Dictionary<string, object?>(), new Dictionary<string, object?> { ["q"] = "1" }, new Dictionary<string, string[]>(), null);

        var result = await host.Runner.RunAsync(definition, new RunWorkflowOptions
        {
            TriggerActivityId = definition.AllActivities.Single(a => a.Type == "Elsa.HttpEndpoint").Id,
            Input = new Dictionary<string, object?> { [HttpRequestData.InputKey] = request },
        }, Ct);

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var response = Assert.Single(sink.Responses);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Hello World!", response.Content);
        Assert.Equal("text/plain", response.ContentType);
    }

    [Fact]
    public async Task RunJavaScript_passes_setOutcome_and_binds_its_result()
    {
        var host = new TestHost();
        var engine = new WorkflowEngine(host.Registry, [.. TestEvaluators.All(), new ScriptStub()], host.Time);
        var runner = new WorkflowRunner(engine, host.Services);
        var definition = Wf.Definition(Wf.Flowchart("f", [
            Wf.Activity("js", "Elsa.RunJavaScript", ("script", Wf.Literal("setOutcome('Yes')", "String")),
                ("result", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "R" } })),
            Wf.WriteLine("yes", "yes"), Wf.WriteLine("done", "done"),
        ], ("js", "Yes", "yes"), ("js", "Done", "done")), configure: j => j["variables"] = new JsonArray(new JsonObject { ["id"] = "R", ["name"] = "R", ["typeName"] = "Int32" }));

        var result = await runner.RunAsync(definition, cancellationToken: Ct);

        Assert.Equal(["yes"], host.Lines);
        Assert.Equal(7, result.State.Variables["R"]);
    }

    [Fact]
    public async Task Unknown_expression_type_faults_with_a_clear_message()
    {
        var (_, result) = await RunAsync(Wf.Activity("w", "Elsa.WriteLine", ("text", new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "CSharp", ["value"] = "1" } })));

        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Contains("CSharp", Assert.Single(result.Incidents).Message, StringComparison.Ordinal);
    }

    private sealed class VariableProbe(string name) : IExpressionEvaluator
    {
        public string ExpressionType => "Probe";

        public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options) =>
            ValueTask.FromResult(context.TryGetVariable(name, out var v) ? v : "missing");
    }

    /// <summary>Stands in for the JavaScript evaluator: calls setOutcome('Yes') and returns 7.</summary>
    private sealed class ScriptStub : IExpressionEvaluator
    {
        public string ExpressionType => "JavaScript";

        public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
        {
            ((Action<string>)options.Arguments["setOutcome"]!)("Yes");
            return ValueTask.FromResult<object?>(7);
        }
    }

    private sealed class RecordingPublisher : IEventPublisher
    {
        public List<EventPublication> Published { get; } = [];

        public ValueTask PublishAsync(EventPublication publication, CancellationToken cancellationToken = default)
        {
            Published.Add(publication);
            return default;
        }
    }

    private sealed class RecordingDispatcher : IWorkflowDispatcher
    {
        public List<DispatchWorkflowRequest> Requests { get; } = [];

        public ValueTask<string> DispatchAsync(DispatchWorkflowRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return ValueTask.FromResult("dispatched-1");
        }
    }

    private sealed class RecordingSink : IHttpResponseSink
    {
        public List<HttpResponseData> Responses { get; } = [];

        public ValueTask WriteAsync(HttpResponseData response, CancellationToken cancellationToken = default)
        {
            Responses.Add(response);
            return default;
        }
    }

    private sealed class StubSender(HttpStatusCode status, string json) : IHttpRequestSender
    {
        public HttpMethod? LastMethod { get; private set; }

        public ValueTask<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
        {
            LastMethod = request.Method;
            return ValueTask.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
        }
    }
}
