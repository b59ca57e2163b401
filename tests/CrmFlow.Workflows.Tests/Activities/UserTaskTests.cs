using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Tests.Support;

namespace CrmFlow.Workflows.Tests.Activities;

public class UserTaskTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private const string Form = """
        [{"name":"handler","label":"Handler","type":"User","required":true},
         {"name":"amount","type":"Number"},
         {"name":"ok","type":"Boolean","required":true},
         {"name":"level","type":"Choice","options":["Low","High"]}]
        """;

    private static Model.WorkflowDefinition Flow(bool withDue = false) => Wf.Definition(Wf.Flowchart("f", [
        Wf.Activity("task", UserTask.TypeName,
            ("title", Wf.Literal("Approve the offer", "String")),
            ("candidateRoles", Wf.ObjectExpression("[\"Manager\"]")),
            ("priority", Wf.Literal(80, "Int32")),
            ("subjectId", Wf.Literal("customer-1", "String")),
            ("form", Wf.Literal(Form, "String")),
            ("outcomes", Wf.ObjectExpression("[\"Approve\",\"Reject\"]")),
            ("dueAt", withDue ? Wf.Literal("2026-11-26T14:00:00+00:00", "DateTimeOffset") : null)),
        Wf.WriteLine("approved", "approved"),
        Wf.WriteLine("rejected", "rejected"),
        Wf.WriteLine("done", "done"),
    ], ("task", "Approve", "approved"), ("task", "Reject", "rejected"), ("task", "Done", "done")));

    [Fact]
    public async Task A_user_task_waits_on_one_bookmark_carrying_the_task()
    {
        var host = new TestHost();

        var result = await host.Runner.RunAsync(Flow(), cancellationToken: Ct);

        Assert.Equal(WorkflowSubStatus.Suspended, result.SubStatus);
        var bookmark = Assert.Single(result.State.Bookmarks);
        Assert.Equal(UserTask.TypeName, bookmark.Name);
        var spec = UserTaskSpec.FromJson(bookmark.Payload)!;
        Assert.Equal("Approve the offer", spec.Title);
        Assert.Equal(["Manager"], spec.CandidateRoles);
        Assert.Equal(80, spec.Priority);
        Assert.Equal("customer-1", spec.SubjectId);
        Assert.Equal(["Approve", "Reject"], spec.Outcomes);
        Assert.Equal([UserTaskFieldType.User, UserTaskFieldType.Number, UserTaskFieldType.Boolean, UserTaskFieldType.Choice], spec.Form.Select(f => f.Type));
    }

    [Fact]
    public async Task Completing_resumes_through_the_chosen_outcome_with_the_form_values()
    {
        var host = new TestHost();
        var definition = Flow();
        var started = await host.Runner.RunAsync(definition, cancellationToken: Ct);

        var resumed = await host.Runner.ResumeAsync(definition, started.State, started.State.Bookmarks[0].Id, new Dictionary<string, object?>
        {
            [UserTaskResume.OutcomeKey] = "Reject",
            [UserTaskResume.ValuesKey] = new JsonObject { ["handler"] = "u1", ["ok"] = false },
            [UserTaskResume.CompletedByKey] = "u2",
        }, Ct);

        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
        Assert.Equal(["rejected", "done"], host.Lines);
        var completed = Assert.Single(resumed.Journal, j => j.ActivityId == "task" && j.EventName == JournalEvents.Completed);
        Assert.Equal(["Reject", "Done"], completed.Outcomes);
    }

    [Fact]
    public async Task The_due_time_escalates_an_open_task_once_and_it_keeps_waiting()
    {
        var host = new TestHost();
        var escalations = new List<UserTaskEscalation>();
        host.Services.Add<IUserTaskEscalationHandler>(new RecordingEscalations(escalations));
        var definition = Flow(withDue: true);
        var started = await host.Runner.RunAsync(definition, cancellationToken: Ct);
        Assert.Equal(2, started.State.Bookmarks.Count);
        var timer = Assert.Single(started.State.Bookmarks, b => b.CallbackMethodName == UserTask.DueCallback);
        Assert.Equal("2026-11-26T14:00:00.0000000+00:00", timer.Payload!["resumeAt"]!.ToString());

        host.Time.Advance(TimeSpan.FromHours(3));
        var escalated = await host.Runner.ResumeAsync(definition, started.State, timer.Id, null, Ct);

        Assert.Equal(WorkflowSubStatus.Suspended, escalated.SubStatus);
        var task = Assert.Single(escalated.State.Bookmarks);
        Assert.Equal(host.Time.GetUtcNow(), UserTaskSpec.FromJson(task.Payload)!.EscalatedAt);
        Assert.Equal(task.Id, Assert.Single(escalations).TaskId);
        Assert.Empty(host.Lines);
    }

    [Theory]
    [InlineData("""{"handler":"u1","ok":true}""", null, "")]
    [InlineData("""{"ok":true}""", null, "handler")]
    [InlineData("""{"handler":"  ","ok":true}""", null, "handler")]
    [InlineData("""{"handler":"u1"}""", null, "ok")]
    [InlineData("""{"handler":"u1","ok":"maybe"}""", null, "ok")]
    [InlineData("""{"handler":"u1","ok":"true","amount":"12.5"}""", null, "")]
    [InlineData("""{"handler":"u1","ok":true,"amount":"lots"}""", null, "amount")]
    [InlineData("""{"handler":"u1","ok":true,"level":"Medium"}""", null, "level")]
    [InlineData("""{"handler":"u1","ok":true}""", "Escalate", "outcome")]
    public void The_form_is_validated_against_its_field_definitions(string values, string? outcome, string invalidField)
    {
        var spec = new UserTaskSpec
        {
            Title = "t",
            Form = System.Text.Json.JsonSerializer.Deserialize<List<UserTaskField>>(Form, UserTaskSpec.JsonOptions)!,
            Outcomes = ["Approve", "Reject"],
        };

        var (errors, normalised) = UserTaskFormValidator.Validate(spec, outcome, JsonNode.Parse(values)!.AsObject());

        Assert.Equal(invalidField.Length == 0 ? [] : [invalidField], errors.Keys);
        if (invalidField.Length == 0)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.True, JsonValueKindOf(normalised["ok"]));
        }
    }

    [Theory]
    [InlineData("""{"rating":"4","tags":["a","c"]}""", "")]
    [InlineData("""{"rating":4,"tags":[]}""", "tags")]
    [InlineData("""{"rating":"0","tags":["a"]}""", "rating")]
    [InlineData("""{"rating":6,"tags":["a"]}""", "rating")]
    [InlineData("""{"rating":3.5,"tags":["a"]}""", "rating")]
    [InlineData("""{"rating":3,"tags":"a"}""", "tags")]
    [InlineData("""{"rating":3,"tags":["a","z"]}""", "tags")]
    [InlineData("""{"rating":3,"tags":["a","a"]}""", "tags")]
    [InlineData("""{"tags":["b"]}""", "rating")]
    public void Number_bounds_and_multiple_choices_are_validated(string values, string invalidField)
    {
        var spec = new UserTaskSpec
        {
            Title = "t",
            Form =
            [
                new UserTaskField { Name = "rating", Type = UserTaskFieldType.Number, Required = true, Min = 1, Max = 5, WholeNumber = true },
                new UserTaskField { Name = "tags", Type = UserTaskFieldType.MultiChoice, Required = true, Options = ["a", "b", "c"] },
            ],
        };

        var (errors, normalised) = UserTaskFormValidator.Validate(spec, null, JsonNode.Parse(values)!.AsObject());

        Assert.Equal(invalidField.Length == 0 ? [] : [invalidField], errors.Keys);
        if (invalidField.Length == 0)
        {
            Assert.Equal(4m, normalised["rating"]!.GetValue<decimal>());
            Assert.Equal(["a", "c"], normalised["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        }
    }

    [Fact]
    public void Several_task_bookmarks_of_one_activity_are_told_apart_by_their_key()
    {
        var task = new Bookmark { Stimulus = new JsonObject { ["userTask"] = "ctx1", ["key"] = "u-42" }, Payload = new UserTaskSpec { Title = "t" }.ToJson() };
        var timer = new Bookmark { Stimulus = new JsonObject { ["resumeAt"] = "2026-01-01T00:00:00Z" }, Payload = new JsonObject(), CallbackMethodName = UserTask.DueCallback };
        var plain = new Bookmark { Stimulus = new JsonObject { ["userTask"] = "ctx2" }, Payload = new UserTaskSpec { Title = "t" }.ToJson() };

        Assert.True(UserTaskBookmarks.IsTask(task));
        Assert.True(UserTaskBookmarks.IsTask(plain));
        Assert.False(UserTaskBookmarks.IsTask(timer));
        Assert.Equal("u-42", UserTaskBookmarks.KeyOf(task));
        Assert.Null(UserTaskBookmarks.KeyOf(plain));
    }

    [Fact]
    public void The_descriptor_offers_the_task_inputs_and_dynamic_outcomes()
    {
        var descriptor = ActivityDescriber.Describe(typeof(UserTask));

        Assert.Equal("CrmFlow.UserTask", descriptor.TypeName);
        Assert.Contains(descriptor.Inputs, i => i.Name == "Outcomes" && i.UIHint == "dynamic-outcomes");
        Assert.Contains(descriptor.Inputs, i => i.Name == "Form" && i.UIHint == "json-editor");
        Assert.Contains(descriptor.Outputs, o => o.Name == "Result");
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(JsonNode? node) => node!.GetValueKind();

    private sealed class RecordingEscalations(List<UserTaskEscalation> list) : IUserTaskEscalationHandler
    {
        public ValueTask OnOverdueAsync(UserTaskEscalation escalation, CancellationToken cancellationToken = default)
        {
            list.Add(escalation);
            return default;
        }
    }
}
