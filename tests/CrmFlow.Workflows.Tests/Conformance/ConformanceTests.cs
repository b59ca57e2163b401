using System.Text.Json.Nodes;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Tests.Support;

namespace CrmFlow.Workflows.Tests.Conformance;

/// <summary>The public Elsa scenarios (EXPECTATIONS.md), one test per scenario, on a fresh engine each.</summary>
public class ConformanceTests
{

    // 1
    [Fact]
    public async Task Flowchart_completion_workflow1_fan_out_to_two_leaves_finishes()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("flowchart-completion-workflow1", "workflow1.json"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["WriteLine1", "WriteLine2", "WriteLine3"], host.Lines);
    }

    // 2
    [Fact]
    public async Task Flowchart_completion_workflow2_braided_implicit_joins_run_each_activity_once()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("flowchart-completion-workflow2", "workflow2.json"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(9, host.Lines.Count);
        Assert.Equal(9, host.Lines.Distinct().Count());
        Assert.Equal("WriteLine9", host.Lines[^1]);
    }

    // 3
    [Fact]
    public async Task Flowchart_completion_workflow4_decision_takes_true_branch_through_delay()
    {
        var host = new TestHost();
        var definition = host.ImportAndPublish("flowchart-completion-workflow4", "workflow4.json");

        var first = await host.Runner.RunAsync(definition, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(WorkflowSubStatus.Suspended, first.SubStatus);
        Assert.Single(first.Bookmarks);
        Assert.Equal("Elsa.Delay", first.Bookmarks[0].Name);

        var result = await host.RunToEndAsync(definition);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(1, result.Journal.Count(e => e.ActivityId == "FlowDecision1" && e.EventName == JournalEvents.Completed));
        Assert.DoesNotContain(result.Journal, e => e.ActivityId is "Delay2" or "WriteLine8");
        Assert.Contains(result.Journal, e => e.ActivityId == "WriteLine7" && e.EventName == JournalEvents.Completed);
    }

    // 4
    [Fact]
    public async Task Flowchart_completion_workflow5_container_waits_on_event_then_finishes()
    {
        var host = new TestHost();
        var definition = host.ImportAndPublish("flowchart-completion-workflow5", "workflow5.json");

        var first = await host.Runner.RunAsync(definition, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(WorkflowSubStatus.Suspended, first.SubStatus);
        var bookmark = Assert.Single(first.Bookmarks);
        Assert.Equal("Elsa.Event", bookmark.Name);
        Assert.Equal(BookmarkHasher.Hash("Elsa.Event", Workflows.Activities.Event.Stimulus("Event4")), bookmark.Hash);
        Assert.Equal(["Intermediary", ""], host.Lines);

        var resumed = await host.Runner.ResumeAsync(definition, first.State, bookmark.Id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
    }

    // 5
    [Fact]
    public async Task Flowchart_completion_workflow6_parallel_for_each_prints_each_fruit()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("flowchart-completion-workflow6", "workflow6.json"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(["Start", "Current fruit: Apple", "Current fruit: Banana", "Current fruit: Cherry", "End"], host.Lines);
    }

    // 6
    [Fact]
    public async Task Import_execute_writeline_prints_dummy_text()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("import-execute-writeline", "writeline.json"));

        Assert.Equal(["Dummy Text"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // 7
    [Fact]
    public async Task Import_execute_implicit_loop_retries_once_through_backward_connection()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("import-execute-implicit-loop", "implicit-loop.json"));

        Assert.Equal(["Do something", "Retry", "Do something", "Done"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // 8
    [Fact]
    public void Publish_cron_every_hour_succeeds_without_errors()
    {
        var host = new TestHost();
        host.ImportAndPublish("publish-cron-every-hour", "cron-every-hour.json");
        var again = host.Store.Publish(host.Store.All[0].DefinitionId!);

        Assert.True(again.Succeeded);
        Assert.Empty(again.Errors);
    }

    // 9
    [Fact]
    public void Publish_bad_cron_expression_fails_with_the_cronos_message()
    {
        var host = new TestHost();
        var result = host.Store.ImportAndPublish(TestHost.Load("publish-bad-cron-expression", "bad-cron-expression.json"));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Error when parsing cron expression: The given cron expression has an invalid format. Seconds: Value must be a number between 0 and 59 (all inclusive).", error.Message);
        Assert.Equal("Elsa.Cron", error.ActivityType);
    }

    [Fact]
    public void Publish_bad_cron_expression_succeeds_but_reports_the_error_when_validation_does_not_fail_publishing()
    {
        var host = new TestHost(new WorkflowManagementOptions { FailOnValidationErrors = false });
        var result = host.Store.ImportAndPublish(TestHost.Load("publish-bad-cron-expression", "bad-cron-expression.json"));

        Assert.True(result.Succeeded);
        Assert.Single(result.Errors);
    }

    // 10
    [Fact]
    public void Publish_http_endpoint_duplicate_route_is_refused_for_a_second_definition()
    {
        var host = new TestHost();
        var first = host.Store.ImportAndPublish(TestHost.Load("publish-http-endpoint-duplicate-route", "http-workflow.json"));
        Assert.True(first.Succeeded);
        Assert.Empty(first.Errors);
        Assert.Empty(host.Store.Publish(first.Definition.DefinitionId!).Errors);

        var second = host.Store.ImportAndPublish(TestHost.Load("publish-http-endpoint-duplicate-route", "http-workflow.json"));

        Assert.False(second.Succeeded);
        Assert.NotEqual(first.Definition.DefinitionId, second.Definition.DefinitionId);
        Assert.Equal("The /test path and get method are already in use by another workflow!", Assert.Single(second.Errors).Message);
    }

    [Fact]
    public void Publish_http_endpoint_duplicate_route_succeeds_with_the_error_when_validation_does_not_fail_publishing()
    {
        var host = new TestHost(new WorkflowManagementOptions { FailOnValidationErrors = false });
        host.Store.ImportAndPublish(TestHost.Load("publish-http-endpoint-duplicate-route", "http-workflow.json"));
        var second = host.Store.ImportAndPublish(TestHost.Load("publish-http-endpoint-duplicate-route", "http-workflow.json"));

        Assert.True(second.Succeeded);
        Assert.Equal("The /test path and get method are already in use by another workflow!", Assert.Single(second.Errors).Message);
    }

    // 11
    [Fact]
    public async Task Explicit_join_wait_any_chained_joins_let_end_run_once()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("explicit-join-wait-any", "join-any-1.json"));

        Assert.Equal(["Start", "End"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // 12
    [Fact]
    public async Task Explicit_join_wait_all_runs_branches_in_connection_order_then_end()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("explicit-join-wait-all", "join-all-1.json"));

        Assert.Equal(["Start", "Line 1", "Line 2", "End"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // 13
    [Fact]
    public async Task Merge_mode_stream_proceeds_past_the_untaken_branch()
    {
        var host = new TestHost();
        await host.RunToEndAsync(host.ImportAndPublish("merge-mode-stream", "fork-decision-join-none.json"), tokenMode: true);

        Assert.Equal(["A", "C"], host.Lines);
    }

    // 14
    [Fact]
    public async Task Merge_mode_converge_blocks_on_the_untaken_branch()
    {
        var host = new TestHost();
        await host.RunToEndAsync(host.ImportAndPublish("merge-mode-converge", "fork-decision-join-converge-strict.json"), tokenMode: true);

        Assert.Equal(["A"], host.Lines);
    }

    // 15
    [Fact]
    public async Task Join_wait_all_with_fault_blocks_and_the_false_branch_faults()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("join-wait-all-with-fault", "fork-decision-join-waitall.json"), tokenMode: true);

        Assert.Equal(["A", "C", "B", "D"], host.Lines);
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
    }

    // 16
    [Fact]
    public async Task Join_wait_any_in_token_mode_completes_exactly_once()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.ImportAndPublish("join-wait-any-runs-once", "join.json"), tokenMode: true);

        Assert.Equal(1, result.Journal.Count(e => e.ActivityId == "802725996be1b582" && e.EventName == JournalEvents.Completed));
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // 17
    [Fact]
    public async Task Execute_workflow_waits_for_the_child()
    {
        var host = new TestHost();
        host.Provide("execute-workflow-wait", "child-workflow.json");
        var parent = host.Provide("execute-workflow-wait", "parent-with-wait.json");

        var result = await host.RunToEndAsync(await host.PublishedAsync("parent-with-wait"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Parent: Before child", "Child: Executing", "Parent: After child"], host.Lines);
        Assert.NotNull(parent);
    }

    // 18
    [Fact]
    public async Task Execute_workflow_passes_input_to_the_child()
    {
        var host = new TestHost();
        host.Provide("execute-workflow-input", "child-with-input.json");
        host.Provide("execute-workflow-input", "parent-with-input.json");

        var result = await host.RunToEndAsync(await host.PublishedAsync("parent-with-input"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains("Child received: Hello from parent", host.Lines);
    }

    // 19
    [Fact]
    public async Task Execute_workflow_captures_the_child_output_into_a_variable()
    {
        var host = new TestHost();
        host.Provide("execute-workflow-capture-output", "child-with-output.json");
        host.Provide("execute-workflow-capture-output", "parent-capture-output.json");

        var result = await host.RunToEndAsync(await host.PublishedAsync("parent-capture-output"));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains("Child output: 42", host.Lines);
        Assert.Contains("Parent received: 42", host.Lines);
    }

    [Fact]
    public async Task Execute_workflow_result_holds_child_instance_status_and_output()
    {
        var host = new TestHost();
        host.Provide("execute-workflow-capture-output", "child-with-output.json");
        host.Provide("execute-workflow-capture-output", "parent-capture-output.json");
        var parent = await host.PublishedAsync("parent-capture-output");
        // The parent's last WriteLine uses JavaScript; run only up to the ExecuteWorkflow by dropping it.
        var json = (JsonObject)parent.Json.DeepClone();
        ((JsonArray)json["root"]!["activities"]!).RemoveAt(1);
        var trimmed = new WorkflowDefinition(json);

        var result = await host.RunToEndAsync(trimmed);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains("Child output: 42", host.Lines);
        var childResult = Assert.IsType<Workflows.Activities.ExecuteWorkflowResult>(result.State.Variables["ChildResult"]);
        Assert.Equal(WorkflowStatus.Finished, childResult.Status);
        Assert.False(string.IsNullOrEmpty(childResult.WorkflowInstanceId));
        Assert.Equal(42, Convert.ToInt32(childResult.Output!["Result"], System.Globalization.CultureInfo.InvariantCulture));
    }

    // 20
    [Fact]
    public async Task Composite_complete_ends_only_the_nested_composite()
    {
        var host = new TestHost();
        host.Provide("composite-complete-does-not-cascade", "completor.json");
        host.Provide("composite-complete-does-not-cascade", "consumer.json");
        host.Provide("composite-complete-does-not-cascade", "tester.json");

        var result = await host.RunToEndAsync(await host.PublishedAsync("tester"));

        Assert.Equal(["Start", "End"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains(result.Journal, e => e.ActivityType == "Completor" && e.EventName == JournalEvents.Completed && e.Outcomes!.SequenceEqual(["Success"]));
    }

    // 21
    [Fact]
    public async Task Nested_workflow_activities_print_atom_nine_times()
    {
        var host = new TestHost();
        host.Provide("nested-workflow-activities", "atom-activity.json");
        host.Provide("nested-workflow-activities", "molecule-activity.json");
        host.Provide("nested-workflow-activities", "matter-activity.json");

        var result = await host.RunToEndAsync(await host.PublishedAsync("matter-workflow"));

        Assert.Equal(Enumerable.Repeat("Atom", 9), host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    // 22
    [Fact]
    public async Task Parent_child_completion_follows_the_success_outcome()
    {
        var host = new TestHost();
        host.ImportAndPublish("parent-child-completion", "child.json");
        var parent = host.ImportAndPublish("parent-child-completion", "parent.json");

        var result = await host.RunToEndAsync(parent);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Contains("Success", host.Lines);
        Assert.DoesNotContain("Failure", host.Lines);
    }

    [Fact]
    public void Parent_child_completion_node_resolves_by_type_name_despite_stale_ids()
    {
        var host = new TestHost();
        host.ImportAndPublish("parent-child-completion", "child.json");
        var parent = host.ImportAndPublish("parent-child-completion", "parent.json");

        var node = parent.AllActivities.Single(a => a.Type == "SubworkflowTest");
        var descriptor = host.Registry.Resolve(node);

        Assert.NotNull(descriptor);
        Assert.Equal(1, descriptor!.Version);
        Assert.Equal(["Success", "Failure"], descriptor.Outcomes);
    }

    // 23
    [Fact]
    public async Task Parent_child_inputs_literal_child_input_wins_over_parent_input()
    {
        var host = new TestHost();
        host.ImportAndPublish("parent-child-inputs-literal", "child.json");
        var parent = host.ImportAndPublish("parent-child-inputs-literal", "parent1.json");

        await host.RunToEndAsync(parent, new Dictionary<string, object?> { ["Input1"] = "Foo" });

        Assert.Equal(["Parent: Foo", "Child: Bar"], host.Lines);
    }

    // 24
    [Fact]
    public async Task Parent_child_output_sum_returns_nine()
    {
        var host = new TestHost();
        host.ImportAndPublish("parent-child-output-sum", "sum.json");
        var calculator = host.ImportAndPublish("parent-child-output-sum", "calculator.json");

        var result = await host.RunToEndAsync(calculator);

        Assert.Empty(result.Incidents.Select(i => i.Message));
        Assert.Equal(["Result: 9"], host.Lines);
    }

    // 25
    [Fact]
    public async Task Workflow_activity_output_is_readable_from_javascript()
    {
        var host = new TestHost();
        host.Provide("workflow-activity-output", "child-with-output.json");
        host.Provide("workflow-activity-output", "parent-with-output.json");

        await host.RunToEndAsync(await host.PublishedAsync("parent-with-output"));

        Assert.Contains("Received from child: Child output value", host.Lines);
    }

    [Fact]
    public async Task Workflow_activity_output_is_recorded_as_the_node_output()
    {
        var host = new TestHost();
        host.Provide("workflow-activity-output", "child-with-output.json");
        host.Provide("workflow-activity-output", "parent-with-output.json");
        var parent = await host.PublishedAsync("parent-with-output");
        var json = (JsonObject)parent.Json.DeepClone();
        var activities = (JsonArray)json["root"]!["activities"]!;
        activities.RemoveAll(a => (string?)a!["type"] == "Elsa.WriteLine");
        ((JsonArray)json["root"]!["connections"]!).Clear();

        var result = await host.RunToEndAsync(new WorkflowDefinition(json));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var outputs = result.State.ActivityOutputs.Values.Single(o => o.ContainsKey("Output"));
        Assert.Equal("Child output value", outputs["Output"]);
    }

    // 26
    [Fact]
    public async Task Workflow_activity_outcomes_parent_follows_the_child_outcome()
    {
        var host = new TestHost();
        host.Provide("workflow-activity-outcomes", "child-with-outcomes.json");
        host.Provide("workflow-activity-outcomes", "parent-with-outcomes.json");

        await host.RunToEndAsync(await host.PublishedAsync("parent-with-outcomes"));

        Assert.Contains("Success path taken", host.Lines);
        Assert.DoesNotContain("Failed path taken", host.Lines);
    }

    // 27 (definition-level: the execute endpoint is the API layer's)
    [Fact]
    public async Task Api_execute_hello_world_definition_runs_to_finished()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.Provide("api-execute-hello-world", "hello-world.json"));

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Hello World!"], host.Lines);
    }

    // 28
    [Fact]
    public async Task Api_flowfork_with_object_branches_runs_all_three_and_finishes()
    {
        var host = new TestHost();
        var result = await host.RunToEndAsync(host.Provide("api-flowfork-completes", "fork.json"));

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["One", "Two", "Three"], host.Lines);
    }

    // 29
    [Fact]
    public async Task Api_execute_request_variants_definition_runs_with_a_correlation_id()
    {
        var host = new TestHost();
        var definition = host.Provide("api-execute-request-variants", "hello-world.json");

        var result = await host.Runner.RunAsync(definition, new RunWorkflowOptions { CorrelationId = "c-1" }, TestContext.Current.CancellationToken);

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal("c-1", result.State.CorrelationId);
    }

    // 30
    [Fact]
    public async Task Http_endpoint_hello_world_suspends_on_get_route_then_writes_the_response()
    {
        var host = new TestHost();
        var definition = host.ImportAndPublish("http-endpoint-hello-world", "http-hello-world.json");

        var first = await host.Runner.RunAsync(definition, cancellationToken: TestContext.Current.CancellationToken);
        var bookmark = Assert.Single(first.Bookmarks);
        Assert.Equal(BookmarkHasher.Hash("Elsa.HttpEndpoint", System.Text.Json.JsonSerializer.SerializeToNode(new { path = "/hello-world", method = "get" })), bookmark.Hash);

        var result = await host.Runner.ResumeAsync(definition, first.State, bookmark.Id, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        var response = Assert.IsType<HttpResponseData>(result.State.Properties[Workflows.Activities.WriteHttpResponse.ResponseProperty]);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Hello World!", response.Content);
    }

    // 31 (definition-level)
    [Fact]
    public void Api_definition_json_structure_composite_nodes_carry_no_embedded_root()
    {
        var host = new TestHost();
        host.Provide("api-definition-json-structure", "sub.json");
        var main = host.Provide("api-definition-json-structure", "main.json");

        var subs = main.Root!.Activities;
        Assert.Equal(2, subs.Count);
        Assert.All(subs, s => Assert.False(s.Json.ContainsKey("root")));
        Assert.All(subs, s => Assert.NotNull(host.Registry.Resolve(s)));
        Assert.Equal("Elsa.WriteLine", host.Registry.Resolve(subs[0])!.WorkflowDefinition!.Root!.Activities[0].Type);
    }
}
