using System.Dynamic;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Expressions.JavaScript;
using CrmFlow.Workflows.Expressions.Liquid;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class LiquidEvaluatorTests
{
    private readonly LiquidEvaluator _evaluator = new();

    private async Task<object?> Render(string template, TestExpressionContext? context = null, Type? type = null, ExpressionEvaluationOptions? options = null) =>
        await _evaluator.EvaluateAsync(new ExpressionModel("Liquid", JsonValue.Create(template)), type ?? typeof(string), context ?? new TestExpressionContext(), options ?? ExpressionEvaluationOptions.Empty);

    private static async Task<TestExpressionContext> WithProductsFromJavaScript()
    {
        // As in Elsa's HttpRequestWithLiquid scenario: the variable is built by a script.
        using var javaScript = new JavaScriptEvaluator();
        var context = new TestExpressionContext();
        await javaScript.EvaluateScriptAsync("setVariable('Products', [{ id: 1, price: 12.99 }, { id: 2, price: 5 }])", typeof(object), context);
        return context;
    }

    [Fact]
    public async Task Reads_variables_with_indexers_and_members()
    {
        var context = await WithProductsFromJavaScript();

        Assert.Equal("First product id: 1", await Render("First product id: {{ Variables.Products[0].id }}", context));
    }

    [Fact]
    public async Task Round_filter_rounds_prices()
    {
        var context = await WithProductsFromJavaScript();

        Assert.Equal("First product price rounded: 13", await Render("First product price rounded: {{ Variables.Products[0].price | round }}", context));
    }

    [Fact]
    public async Task Json_filter_writes_compact_json_without_html_escaping()
    {
        var context = await WithProductsFromJavaScript();

        Assert.Equal("First product as json: {\"id\":1,\"price\":12.99}", await Render("First product as json: {{ Variables.Products[0] | json }}", context));
    }

    [Fact]
    public async Task Workflow_members_are_available()
    {
        var context = new TestExpressionContext().WithInput("Name", "Ada");

        Assert.Equal(
            "instance-1|corr-1|definition-1|definition-1:v3|3|Ada",
            await Render("{{ WorkflowInstanceId }}|{{ CorrelationId }}|{{ WorkflowDefinitionId }}|{{ WorkflowDefinitionVersionId }}|{{ WorkflowDefinitionVersion }}|{{ Input.Name }}", context));
    }

    [Fact]
    public async Task Navigates_dictionaries_expando_objects_json_nodes_and_records()
    {
        var expando = new ExpandoObject() as IDictionary<string, object?>;
        expando["name"] = "Ada";
        var context = new TestExpressionContext()
            .WithVariable("Map", new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = 5 } })
            .WithVariable("Person", expando)
            .WithVariable("Node", JsonNode.Parse("""{"items":[{"v":"x"}]}"""))
            .WithVariable("Record", new JavaScriptEvaluatorTests.ChildResult("wf-9", new Dictionary<string, object?> { ["Result"] = 9 }));

        Assert.Equal("5 Ada x wf-9 9", await Render("{{ Variables.Map.a.b }} {{ Variables.Person.name }} {{ Variables.Node.items[0].v }} {{ Variables.Record.WorkflowInstanceId }} {{ Variables.Record.Output.Result }}", context));
    }

    [Fact]
    public async Task Base64_and_keys_filters()
    {
        var context = new TestExpressionContext().WithVariable("Map", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 });

        Assert.Equal("aGk=", await Render("{{ 'hi' | base64 }}"));
        Assert.Equal("a,b", await Render("{{ Variables.Map | keys | join: ',' }}", context));
    }

    [Fact]
    public async Task Loops_and_conditions_work()
    {
        var context = await WithProductsFromJavaScript();

        Assert.Equal("1:12.99;2:5;", await Render("{% for p in Variables.Products %}{{ p.id }}:{{ p.price }};{% endfor %}", context));
        Assert.Equal("cheap", await Render("{% if Variables.Products[1].price < 10 %}cheap{% else %}dear{% endif %}", context));
    }

    [Fact]
    public async Task Results_are_converted_to_the_target_type()
    {
        var context = new TestExpressionContext().WithVariable("A", 4);

        Assert.Equal(9, await Render("{{ Variables.A | plus: 5 }}", context, typeof(int)));
        Assert.Null(await Render("   "));
    }

    [Fact]
    public async Task Evaluation_arguments_are_template_values()
    {
        var options = new ExpressionEvaluationOptions { Arguments = { ["Greeting"] = "Hello" } };

        Assert.Equal("Hello!", await Render("{{ Greeting }}!", options: options));
    }

    [Fact]
    public async Task Clr_members_other_than_data_are_not_reachable()
    {
        var context = new TestExpressionContext().WithVariable("Text", "abc");

        Assert.Equal("||", await Render("{{ Variables.Text.Length }}|{{ Variables.GetType }}|{{ Variables.Text.GetType.Assembly }}", context));
    }

    [Fact]
    public async Task Parse_errors_become_clear_exceptions()
    {
        var thrown = await Assert.ThrowsAsync<ExpressionEvaluationException>(() => Render("{% if %}"));

        Assert.Equal("Liquid", thrown.ExpressionType);
        Assert.NotNull(_evaluator.Validate("{{ unclosed"));
        Assert.Null(_evaluator.Validate("{{ fine }}"));
    }

    [Fact]
    public async Task Runaway_loops_hit_the_statement_limit()
    {
        var evaluator = new LiquidEvaluator(new ScriptingOptions { MaxStatements = 1000 });

        var thrown = await Assert.ThrowsAsync<ScriptLimitExceededException>(async () =>
            await evaluator.RenderAsync("{% for i in (1..100000) %}{{ i }}{% endfor %}", new TestExpressionContext()));
        Assert.Equal("Statements", thrown.Limit);
    }
}
