using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.Workflows.Tests.Contracts;

public class ActivityRegistryTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Descriptor_json_has_the_studio_shape()
    {
        var registry = ActivityRegistry.CreateDefault();

        var json = JsonSerializer.SerializeToNode(registry.Find("Elsa.FlowDecision", 1), Web)!.AsObject();

        Assert.Equal("Elsa.FlowDecision", (string?)json["typeName"]);
        Assert.Equal("Elsa", (string?)json["namespace"]);
        Assert.Equal("FlowDecision", (string?)json["name"]);
        Assert.Equal(1, (int?)json["version"]);
        Assert.Equal("Branching", (string?)json["category"]);
        Assert.Equal("Decision", (string?)json["displayName"]);
        Assert.Equal("Action", (string?)json["kind"]);
        foreach (var key in new[] { "description", "inputs", "outputs", "ports", "isContainer", "isBrowsable", "isStart", "isTerminal", "customProperties", "constructionProperties" })
        {
            Assert.True(json.ContainsKey(key), key);
        }

        var input = json["inputs"]![0]!.AsObject();
        Assert.Equal("Condition", (string?)input["name"]);
        Assert.Equal("Boolean", (string?)input["typeName"]);
        Assert.True((bool?)input["isWrapped"]);
        Assert.Equal("singleline", (string?)input["uiHint"]);
        Assert.Equal("Literal", (string?)input["defaultSyntax"]);
        Assert.Equal(["True", "False"], json["ports"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal("Flow", (string?)json["ports"]![0]!["type"]);
        Assert.False(json.ContainsKey("factory"));
    }

    [Fact]
    public void Terminal_start_and_container_flags_and_default_ports_follow_the_attributes()
    {
        var registry = ActivityRegistry.CreateDefault();

        Assert.True(registry.Find("Elsa.End", 1)!.IsTerminal);
        Assert.Empty(registry.Find("Elsa.End", 1)!.Outcomes);
        Assert.True(registry.Find("Elsa.Start", 1)!.IsStart);
        Assert.True(registry.Find("Elsa.Flowchart", 1)!.IsContainer);
        Assert.False(registry.Find("Elsa.Flowchart", 1)!.IsBrowsable);
        Assert.Equal(["Done"], registry.Find("Elsa.WriteLine", 1)!.Outcomes);
        Assert.Contains(registry.Find("Elsa.If", 1)!.Ports, p => p is { Name: "Then", Type: PortType.Embedded });
    }

    [Fact]
    public void Enum_inputs_get_dropdown_options_and_defaults()
    {
        var mode = ActivityRegistry.CreateDefault().Find("Elsa.FlowJoin", 1)!.Inputs.Single(i => i.Name == "Mode");

        Assert.Equal("dropdown", mode.UIHint);
        Assert.Equal("WaitAny", (string?)mode.DefaultValue);
        Assert.Equal(3, mode.UISpecifications!["dropdown"]!["selectList"]!["items"]!.AsArray().Count);
    }

    [Fact]
    public void Every_built_in_type_name_and_version_is_unique()
    {
        var descriptors = ActivityRegistry.CreateDefault().List();

        Assert.Equal(BuiltInActivities.Types.Count, descriptors.Count);
        Assert.Equal(descriptors.Count, descriptors.Select(d => (d.TypeName, d.Version)).Distinct().Count());
    }

    [Fact]
    public void AddActivity_registers_a_custom_activity_once_with_its_explicit_type_and_version()
    {
        var services = new ServiceCollection().AddWorkflowEngine().AddActivity<GreetActivity>().AddActivity<GreetActivity>();

        var registry = new ActivityRegistry(services.GetActivityRegistrations());

        var descriptor = registry.Find("CrmFlow.Tests.Greet", 2);
        Assert.NotNull(descriptor);
        Assert.Equal("Tests", descriptor!.Category);
        Assert.Equal(["Greeted", "Ignored"], descriptor.Outcomes);
        Assert.Equal("multiline", descriptor.Inputs.Single().UIHint);
        Assert.Equal("Greeting", descriptor.Outputs.Single().Name);
        Assert.Single(services, d => d.ImplementationInstance is ActivityRegistration { ActivityType: var t } && t == typeof(GreetActivity));
    }

    [Fact]
    public async Task A_custom_code_activity_reads_inputs_writes_outputs_and_returns_an_outcome()
    {
        var host = new TestHost();
        host.Registry.Register(typeof(GreetActivity));
        var definition = Wf.Definition(Wf.Flowchart("f", [
            Wf.Activity("g", "CrmFlow.Tests.Greet", ("name", Wf.Literal("Ada", "String")),
                ("greeting", new JsonObject { ["memoryReference"] = new JsonObject { ["id"] = "Message" } })),
            Wf.WriteLine("w", "greeted"),
        ], ("g", "Greeted", "w")), configure: j => j["variables"] = new JsonArray(new JsonObject { ["id"] = "Message", ["name"] = "Message", ["typeName"] = "String" }));
        ((JsonObject)definition.Root!.Activities[0].Json)["version"] = 2;

        var result = await host.Runner.RunAsync(definition, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Hello, Ada", result.State.Variables["Message"]);
        Assert.Equal(["greeted"], host.Lines);
    }

    [Theory]
    [InlineData("Subworkflow test", "SubworkflowTest")]
    [InlineData("CacheInvalidation_Child", "CacheInvalidationChild")]
    [InlineData("Child", "Child")]
    [InlineData("atom activity", "AtomActivity")]
    public void Workflow_names_are_pascal_cased_like_humanizer(string name, string expected) =>
        Assert.Equal(expected, WorkflowActivityNames.Pascalize(name));

    [Fact]
    public void Workflow_as_activity_descriptor_has_inputs_outputs_outcomes_and_custom_properties()
    {
        var registry = ActivityRegistry.CreateDefault();
        var sum = TestHost.Load("parent-child-output-sum", "sum.json");

        var d = registry.RegisterWorkflowAsActivity(sum);

        Assert.Equal("Sum", d.TypeName);
        Assert.Equal(sum.Version, d.Version);
        Assert.Equal(["A", "B"], d.Inputs.Select(i => i.Name));
        Assert.Equal(typeof(int), d.Inputs[0].ClrType);
        Assert.Equal(["Result"], d.Outputs.Select(o => o.Name));
        Assert.Equal("WorkflowDefinitionActivity", (string?)d.CustomProperties["RootType"]);
        Assert.Equal(sum.DefinitionId, (string?)d.CustomProperties["WorkflowDefinitionId"]);
    }

    [Fact]
    public void Workflow_as_activity_resolution_prefers_exact_version_then_newest_then_ids()
    {
        var registry = ActivityRegistry.CreateDefault();
        var v1 = Wf.Definition(Wf.Flowchart("f", []), "child", j => { j["name"] = "My Child"; j["id"] = "ver-1"; j["version"] = 1; j["options"] = new JsonObject { ["usableAsActivity"] = true }; });
        var v2 = Wf.Definition(Wf.Flowchart("f", []), "child", j => { j["name"] = "My Child"; j["id"] = "ver-2"; j["version"] = 2; j["options"] = new JsonObject { ["usableAsActivity"] = true }; });
        var renamed = Wf.Definition(Wf.Flowchart("f", []), "other", j => { j["name"] = "Renamed"; j["id"] = "ver-9"; j["version"] = 1; });
        registry.RegisterWorkflowAsActivity(v1);
        registry.RegisterWorkflowAsActivity(v2);
        registry.RegisterWorkflowAsActivity(renamed);

        Model.ActivityNode Node(string type, int version, string? versionId = null, string? definitionId = null)
        {
            var o = Wf.Activity("n", type);
            o["version"] = version;
            if (versionId != null) { o["workflowDefinitionVersionId"] = versionId; }
            if (definitionId != null) { o["workflowDefinitionId"] = definitionId; }
            return new Model.ActivityNode(o);
        }

        Assert.Same(v1, registry.Resolve(Node("MyChild", 1))!.WorkflowDefinition);
        Assert.Same(v2, registry.Resolve(Node("MyChild", 7))!.WorkflowDefinition);
        Assert.Same(v1, registry.Resolve(Node("MyChild", 7, versionId: "ver-1"))!.WorkflowDefinition);
        Assert.Same(renamed, registry.Resolve(Node("OldName", 1, versionId: "ver-9"))!.WorkflowDefinition);
        Assert.Same(v2, registry.Resolve(Node("OldName", 1, definitionId: "child"))!.WorkflowDefinition);
        Assert.Null(registry.Resolve(Node("OldName", 1)));
    }

    [Fact]
    public void Legacy_top_level_usable_as_activity_is_honoured()
    {
        var atom = TestHost.Load("nested-workflow-activities", "atom-activity.json");

        Assert.True(atom.Options.UsableAsActivity);
        Assert.Equal("AtomActivity", WorkflowActivityNames.TypeNameOf(atom));
    }

    [Fact]
    public async Task Inputs_with_an_options_provider_list_the_providers_current_options_each_time_descriptors_are_served()
    {
        var registry = new ActivityRegistry(new ServiceCollection().AddWorkflowEngine().AddActivity<PickFruitActivity>().GetActivityRegistrations());
        var fruits = new FruitStore { Names = ["Apple", "Pear"] };
        var services = new SingleServiceProvider(fruits);
        var descriptor = registry.Find("CrmFlow.Tests.PickFruit", 1)!;
        Assert.Equal("dropdown", descriptor.Inputs.Single().UIHint);

        var first = await InputOptionsResolver.ResolveAllAsync([descriptor, registry.Find("Elsa.WriteLine", 1)!], services, Web, CancellationToken.None);
        fruits.Names = ["Cherry"];
        var second = await InputOptionsResolver.ResolveAllAsync([descriptor], services, Web, CancellationToken.None);

        Assert.Equal(["Apple", "Pear"], Items(first[0]));
        Assert.IsType<ActivityDescriptor>(first[1]);
        Assert.Equal(["Cherry"], Items(second[0]));
        var single = await InputOptionsResolver.ResolveAsync(descriptor.Inputs.Single(), services, CancellationToken.None);
        Assert.Equal("fruit:Cherry", (string?)single!["dropdown"]!["selectList"]!["items"]![0]!["value"]);

        static IEnumerable<string?> Items(object served) =>
            ((JsonObject)served)["inputs"]![0]!["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => (string?)i!["text"]);
    }

    [Fact]
    public void An_options_provider_that_is_not_one_is_refused_at_registration()
    {
        var error = Assert.Throws<ArgumentException>(() => new ActivityRegistry([]).Register(typeof(BadOptionsActivity)));
        Assert.Contains("does not implement IInputOptionsProvider", error.Message, StringComparison.Ordinal);
    }

    private sealed class SingleServiceProvider(object service) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(service) ? service : null;
    }

    private sealed class FruitStore
    {
        public IReadOnlyList<string> Names { get; set; } = [];
    }

    private sealed class FruitOptions(FruitStore store) : IInputOptionsProvider
    {
        public ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<InputOption>>([.. store.Names.Select(n => new InputOption(n, "fruit:" + n))]);
    }

    [Activity("CrmFlow.Tests", "PickFruit", Category = "Tests")]
    private sealed class PickFruitActivity : CodeActivity
    {
        [Input(OptionsProvider = typeof(FruitOptions))]
        public Input<string> Fruit { get; set; } = default!;

        protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context) => ValueTask.FromResult("Done");
    }

    [Activity("CrmFlow.Tests", "BadOptions", Category = "Tests")]
    private sealed class BadOptionsActivity : CodeActivity
    {
        [Input(OptionsProvider = typeof(FruitStore))]
        public Input<string> Fruit { get; set; } = default!;

        protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context) => ValueTask.FromResult("Done");
    }

    [Activity("CrmFlow.Tests", "Greet", Version = 2, Category = "Tests", Description = "Greets someone.")]
    [FlowNode("Greeted", "Ignored")]
    private sealed class GreetActivity : CodeActivity
    {
        [Input(UIHint = "multiline")]
        public Input<string> Name { get; set; } = default!;

        [Output]
        public Output<string> Greeting { get; set; } = default!;

        protected override ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
        {
            var name = context.Get(Name);
            context.Set(Greeting, $"Hello, {name}");
            return ValueTask.FromResult(string.IsNullOrEmpty(name) ? "Ignored" : "Greeted");
        }
    }
}
