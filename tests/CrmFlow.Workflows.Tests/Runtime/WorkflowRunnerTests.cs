using System.Text.Json.Nodes;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Serialization;
using CrmFlow.Workflows.Tests.Support;

namespace CrmFlow.Workflows.Tests.Runtime;

public class WorkflowRunnerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Suspended_state_resumes_in_a_fresh_engine_after_json_serialisation()
    {
        var first = new TestHost();
        var json = ConformanceFiles.Read("flowchart-completion-workflow5", "workflow5.json");
        var started = await first.Runner.RunAsync(WorkflowDefinitionSerializer.Parse(json), cancellationToken: Ct);
        var saved = WorkflowStateSerializer.Serialize(started.State);
        var bookmarkId = started.Bookmarks[0].Id;

        var second = new TestHost();
        var restored = WorkflowStateSerializer.Deserialize(saved);
        var resumed = await second.Runner.ResumeAsync(WorkflowDefinitionSerializer.Parse(json), restored, bookmarkId, cancellationToken: Ct);

        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
        Assert.Empty(second.Lines);
        Assert.Contains(resumed.Journal, e => e.EventName == JournalEvents.Resumed && e.ActivityType == "Elsa.Event");
    }

    [Fact]
    public async Task Counter_state_survives_serialisation_between_delay_resumes()
    {
        var host = new TestHost();
        var definition = host.ImportAndPublish("flowchart-completion-workflow4", "workflow4.json");
        var started = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        var restored = WorkflowStateSerializer.Deserialize(WorkflowStateSerializer.Serialize(started.State));
        var resumed = await new TestHost().Runner.ResumeAsync(definition, restored, restored.Bookmarks[0].Id, cancellationToken: Ct);

        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
        Assert.Contains(resumed.Journal, e => e.ActivityId == "WriteLine7" && e.EventName == JournalEvents.Completed);
    }

    [Fact]
    public async Task Suspension_inside_a_workflow_activity_resumes_from_serialised_state()
    {
        var host = new TestHost();
        var child = Wf.Definition(Wf.Flowchart("f", [
                Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("Go", "String"))),
                Wf.Activity("out", "Elsa.SetOutput", ("outputName", Wf.Literal("Answer", "String")), ("outputValue", Wf.Literal(42))),
            ], ("ev", "Done", "out")), "waiter", j =>
        {
            j["name"] = "Waiter";
            j["options"] = new JsonObject { ["usableAsActivity"] = true };
            j["outputs"] = new JsonArray(new JsonObject { ["name"] = "Answer", ["type"] = "Int32" });
        });
        host.Store.Provide(child);
        var parent = Wf.Definition(Wf.Flowchart("p", [
                Wf.Activity("w1", "Waiter", ("answer", new JsonObject { ["typeName"] = "Int32", ["memoryReference"] = new JsonObject { ["id"] = "Result" } })),
            ]), "parent", j => j["variables"] = new JsonArray(new JsonObject { ["id"] = "Result", ["name"] = "Result", ["typeName"] = "Int32" }));

        var started = await host.Runner.RunAsync(parent, cancellationToken: Ct);
        Assert.Equal(WorkflowSubStatus.Suspended, started.SubStatus);
        var restored = WorkflowStateSerializer.Deserialize(WorkflowStateSerializer.Serialize(started.State));

        var other = new TestHost();
        other.Store.Provide(WorkflowDefinitionSerializer.Parse(WorkflowDefinitionSerializer.Serialize(child)));
        var resumed = await other.Runner.ResumeAsync(parent, restored, restored.Bookmarks[0].Id, cancellationToken: Ct);

        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
        Assert.Equal(42, resumed.State.Variables["Result"]);
    }

    [Fact]
    public async Task Unknown_activity_type_is_refused_naming_the_activity()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Flowchart("f", [Wf.Activity("x1", "Acme.Missing")]));

        var ex = await Assert.ThrowsAsync<WorkflowValidationException>(() => host.Runner.RunAsync(definition, cancellationToken: Ct).AsTask());

        var error = Assert.Single(ex.Errors);
        Assert.Equal("x1", error.ActivityId);
        Assert.Equal("Acme.Missing", error.ActivityType);
        Assert.Contains("x1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exception_in_an_activity_faults_the_workflow_and_records_an_incident()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Flowchart("f", [
            Wf.Activity("bad", "Elsa.Fault", ("message", Wf.Literal("boom", "String")), ("code", Wf.Literal("E1", "String"))),
            Wf.WriteLine("after", "never"),
        ], ("bad", "Done", "after")));

        var result = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        var incident = Assert.Single(result.Incidents);
        Assert.Equal("bad", incident.ActivityId);
        Assert.Equal("boom", incident.Message);
        Assert.Equal(host.Time.GetUtcNow(), incident.Timestamp);
        Assert.NotNull(incident.StackTrace);
        Assert.Contains(result.Journal, e => e.ActivityId == "bad" && e.EventName == JournalEvents.Faulted);
        Assert.Empty(host.Lines);
    }

    private static WorkflowDefinition FlakyFlow() => Wf.Definition(Wf.Flowchart("f", [
            Wf.WriteLine("start", "start"),
            Wf.Activity("flaky", "Elsa.RunJavaScript", ("script", Wf.Literal("if (!getVariable('Ok')) throw new Error('not yet'); setVariable('Runs', getVariable('Runs') + 1);", "String"))),
            Wf.WriteLine("after", "after"),
            Wf.WriteLine("other", "other"),
        ], ("start", "Done", "flaky"), ("flaky", "Done", "after"), ("start", "Done", "other")), configure: j => j["variables"] = new JsonArray(
            new JsonObject { ["id"] = "Ok", ["name"] = "Ok", ["typeName"] = "Boolean", ["value"] = "false" },
            new JsonObject { ["id"] = "Runs", ["name"] = "Runs", ["typeName"] = "Int32", ["value"] = "0" }));

    [Fact]
    public async Task Retry_runs_the_faulted_activity_again_and_continues_the_flow_after_a_serialisation()
    {
        var host = new TestHost();
        var definition = FlakyFlow();
        var faulted = await host.Runner.RunAsync(definition, cancellationToken: Ct);
        Assert.Equal(WorkflowSubStatus.Faulted, faulted.SubStatus);
        Assert.Equal("flaky", Assert.Single(faulted.Incidents).ActivityId);
        Assert.Equal(["start"], host.Lines);

        // Fixed by an operator (as Elsa's ModifyVariable alteration would), then retried in a fresh engine.
        var restored = WorkflowStateSerializer.Deserialize(WorkflowStateSerializer.Serialize(faulted.State));
        restored.Variables["Ok"] = true;
        var second = new TestHost();
        var retried = await second.Runner.RetryAsync(definition, restored, cancellationToken: Ct);

        Assert.Equal(WorkflowStatus.Finished, retried.Status);
        Assert.Equal(WorkflowSubStatus.Finished, retried.SubStatus);
        Assert.NotNull(retried.State.FinishedAt);
        Assert.Empty(retried.Incidents);
        Assert.Equal(1, retried.State.Variables["Runs"]);
        // The branch queued behind the fault runs too; nothing before the fault runs twice.
        Assert.Equal(["after", "other"], second.Lines.Order(StringComparer.Ordinal));
        Assert.Equal(2, retried.Journal.Count(e => e.ActivityId == "flaky" && e.EventName == JournalEvents.Started));
    }

    [Fact]
    public async Task Retry_that_faults_again_keeps_the_instance_faulted_with_one_incident_and_a_retry_with_other_ids_changes_nothing()
    {
        var host = new TestHost();
        var definition = FlakyFlow();
        var faulted = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        var other = await host.Runner.RetryAsync(definition, faulted.State, ["start"], Ct);
        Assert.Equal(WorkflowSubStatus.Faulted, other.SubStatus);
        Assert.Single(other.Incidents);
        Assert.Single(other.Journal, e => e.ActivityId == "flaky" && e.EventName == JournalEvents.Started);

        var again = await host.Runner.RetryAsync(definition, faulted.State, ["flaky"], Ct);
        Assert.Equal(WorkflowStatus.Finished, again.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, again.SubStatus);
        Assert.Contains("not yet", Assert.Single(again.Incidents).Message, StringComparison.Ordinal);
        Assert.Equal(2, again.Journal.Count(e => e.ActivityId == "flaky" && e.EventName == JournalEvents.Started));
        Assert.Equal(["start"], host.Lines);
    }

    [Fact]
    public async Task Continue_with_incidents_strategy_runs_other_branches_and_finishes()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Flowchart("f", [
            Wf.WriteLine("start", "start"),
            Wf.Activity("bad", "Elsa.Fault", ("message", Wf.Literal("boom", "String"))),
            Wf.WriteLine("other", "other"),
        ], ("start", "Done", "bad"), ("start", "Done", "other")), configure: j =>
            j["options"] = new JsonObject { ["incidentStrategyType"] = "Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core" });

        var result = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        Assert.Equal(["start", "other"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Single(result.Incidents);
    }

    [Fact]
    public async Task Journal_records_started_and_completed_with_inputs_and_timestamps()
    {
        var host = new TestHost();
        var result = await host.Runner.RunAsync(host.Provide("import-execute-writeline", "writeline.json"), cancellationToken: Ct);

        var started = Assert.Single(result.Journal, e => e.ActivityType == "Elsa.WriteLine" && e.EventName == JournalEvents.Started);
        Assert.Equal("Dummy Text", started.Inputs!["Text"]);
        Assert.Equal(host.Time.GetUtcNow(), started.Timestamp);
        Assert.Contains(result.Journal, e => e.ActivityType == "Elsa.WriteLine" && e.EventName == JournalEvents.Completed && e.Outcomes!.SequenceEqual(["Done"]));
        Assert.Contains(result.Journal, e => e.ActivityType == "Elsa.Flowchart" && e.EventName == JournalEvents.Completed);
    }

    [Fact]
    public async Task Cancel_finishes_a_suspended_workflow_as_cancelled_and_drops_bookmarks()
    {
        var host = new TestHost();
        var definition = host.Provide("flowchart-completion-workflow5", "workflow5.json");
        var started = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        var cancelled = await host.Runner.CancelAsync(definition, started.State, Ct);

        Assert.Equal(WorkflowStatus.Finished, cancelled.Status);
        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.SubStatus);
        Assert.Empty(cancelled.Bookmarks);
    }

    [Fact]
    public async Task Variables_get_typed_defaults_and_input_converts_to_declared_types()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Flowchart("f", [Wf.WriteLine("w", "x")]), configure: j =>
        {
            j["variables"] = new JsonArray(new JsonObject { ["id"] = "v1", ["name"] = "Counter", ["typeName"] = "Int32", ["value"] = "0" });
            j["inputs"] = new JsonArray(new JsonObject { ["name"] = "Amount", ["type"] = "Decimal" });
        });

        var result = await host.Runner.RunAsync(definition, new RunWorkflowOptions { Input = new Dictionary<string, object?> { ["amount"] = "12.5" } }, Ct);

        Assert.Equal(0, result.State.Variables["Counter"]);
        Assert.Equal(12.5m, result.State.Input["Amount"]);
    }

    [Fact]
    public async Task Bookmark_hash_is_stable_across_runs_and_instance_ids_come_from_options()
    {
        var host = new TestHost();
        var definition = host.Provide("flowchart-completion-workflow5", "workflow5.json");

        var a = await host.Runner.RunAsync(definition, new RunWorkflowOptions { InstanceId = "i-1", CorrelationId = "c" }, Ct);
        var b = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        Assert.Equal("i-1", a.State.Id);
        Assert.Equal(a.Bookmarks[0].Hash, b.Bookmarks[0].Hash);
        Assert.Equal(64, a.Bookmarks[0].Hash.Length);
        Assert.Equal("c", a.State.CorrelationId);
    }

    [Fact]
    public async Task Trigger_activity_becomes_the_start_of_the_root_flowchart()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Flowchart("f", [
            Wf.WriteLine("a", "A"),
            Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("Go", "String"))),
            Wf.WriteLine("b", "B"),
        ], ("a", "Done", "ev"), ("ev", "Done", "b")));

        var result = await host.Runner.RunAsync(definition, new RunWorkflowOptions { TriggerActivityId = "ev" }, Ct);

        Assert.Equal(["B"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task Concurrent_runs_of_one_definition_share_the_prepared_graph_safely()
    {
        var host = new TestHost();
        var definition = host.ImportAndPublish("flowchart-completion-workflow2", "workflow2.json");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await host.Runner.RunAsync(definition, cancellationToken: Ct))));

        Assert.All(results, r => Assert.Equal(WorkflowSubStatus.Finished, r.SubStatus));
        Assert.Equal(32 * 9, host.Lines.Count);
    }

    [Fact]
    public async Task Execute_workflow_waits_on_a_bookmark_while_the_child_is_suspended()
    {
        var host = new TestHost();
        var child = Wf.Definition(Wf.Activity("ev", "Elsa.Event", ("eventName", Wf.Literal("Go", "String"))), "child");
        host.Store.Provide(child);
        var parent = Wf.Definition(Wf.Sequence("s",
            Wf.Activity("exec", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Wf.Literal("child", "String")), ("waitForCompletion", Wf.Literal(true, "Boolean"))),
            Wf.WriteLine("after", "after")), "parent");

        var started = await host.Runner.RunAsync(parent, cancellationToken: Ct);

        var bookmark = Assert.Single(started.Bookmarks);
        Assert.Equal("Elsa.ExecuteWorkflow", bookmark.Name);
        Assert.NotNull(bookmark.Payload!["childInstanceId"]);
        var resumed = await host.Runner.ResumeAsync(parent, started.State, bookmark.Id,
            new Dictionary<string, object?> { ["WorkflowInstanceId"] = (string?)bookmark.Payload["childInstanceId"], ["Output"] = new Dictionary<string, object?>() }, Ct);
        Assert.Equal(["after"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
    }

    [Fact]
    public void Deserialised_state_keeps_case_insensitive_input_and_output_lookups()
    {
        var state = new WorkflowState { Id = "i" };
        state.Input["Message"] = "hi";
        state.Output["Result"] = 1;

        var restored = WorkflowStateSerializer.Deserialize(WorkflowStateSerializer.Serialize(state));

        Assert.Equal("hi", restored.Input["message"]);
        Assert.Equal(1, restored.Output["result"]);
    }
}
