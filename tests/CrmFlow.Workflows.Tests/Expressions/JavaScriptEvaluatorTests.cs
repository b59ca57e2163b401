using System.Dynamic;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Expressions.JavaScript;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class JavaScriptEvaluatorTests : IDisposable
{
    private readonly JavaScriptEvaluator _evaluator = new();

    public void Dispose() => _evaluator.Dispose();

    private async Task<object?> Run(string script, TestExpressionContext? context = null, Type? type = null, ExpressionEvaluationOptions? options = null) =>
        await _evaluator.EvaluateScriptAsync(script, type ?? typeof(object), context ?? new TestExpressionContext(), options);

    [Theory]
    [InlineData("return false;", false)]
    [InlineData("1 + 1", 2d)]
    [InlineData("'a' + 'b';", "ab")]
    [InlineData("`Bar`", "Bar")]
    [InlineData("let x = 2; x * 21", 42d)]
    [InlineData("const t = 'y'; return t;", "y")]
    [InlineData("if (true) { 'yes' } else { 'no' }", "yes")]
    [InlineData("// only a comment", null)]
    [InlineData("return 1; // trailing comment", 1d)]
    public async Task Evaluates_expressions_and_scripts_with_top_level_return(string script, object? expected)
    {
        Assert.Equal(expected, await Run(script));
    }

    [Fact]
    public async Task Top_level_declarations_do_not_leak_between_evaluations()
    {
        Assert.Equal(1d, await Run("let x = 1; x"));
        Assert.Equal(2d, await Run("let x = 2; x"));
        Assert.Equal(3d, await Run("var y = 3; y"));
        Assert.Equal("undefined", await Run("typeof y"));
        Assert.Equal(5d, await Run("function f() { return 5; } f()"));
        Assert.Equal("undefined", await Run("typeof f"));
    }

    [Fact]
    public async Task Object_literals_come_back_as_expando_objects()
    {
        var result = await Run("({ Message: 'Hello from parent', Nested: { n: 1 }, List: [1, 'a'] })");

        var dictionary = Assert.IsType<ExpandoObject>(result) as IDictionary<string, object?>;
        Assert.Equal("Hello from parent", dictionary["Message"]);
        Assert.Equal(1d, ((IDictionary<string, object?>)dictionary["Nested"]!)["n"]);
        Assert.Equal(new object?[] { 1d, "a" }, dictionary["List"]);
    }

    [Fact]
    public async Task Generated_variable_accessors_read_and_write()
    {
        var context = new TestExpressionContext().WithVariable("Counter", 1).WithVariable("TheSum", 9);

        Assert.Equal(2, await Run("getCounter() + 1", context, typeof(int)));
        Assert.Equal(false, await Run("getCounter() > 1", context, typeof(bool)));
        Assert.Equal("Result: 9", await Run("`Result: ${getTheSum()}`", context, typeof(string)));

        await Run("setCounter(getCounter() + 5)", context);
        Assert.Equal(6d, context.Values["Counter"]);
    }

    [Fact]
    public async Task Variable_names_are_sanitised_into_accessor_names()
    {
        var context = new TestExpressionContext().WithVariable("order total", 10).WithVariable("my-var", "x").WithVariable("counter", 1);

        Assert.Equal(10d, await Run("getOrderTotal()", context));
        Assert.Equal("x", await Run("getMyVar()", context));
        Assert.Equal(1d, await Run("getCounter()", context));
    }

    [Fact]
    public async Task GetVariable_and_setVariable_work_by_name_and_declare_new_variables()
    {
        var context = new TestExpressionContext().WithVariable("Name", "Ada");

        Assert.Equal("Ada", await Run("getVariable('Name')", context));
        Assert.Null(await Run("getVariable('Missing')", context));

        await Run("setVariable('Fresh', { a: [1, 2] })", context);
        var fresh = Assert.IsType<ExpandoObject>(context.Values["Fresh"]) as IDictionary<string, object?>;
        Assert.Equal(new object?[] { 1d, 2d }, fresh["a"]);
    }

    [Fact]
    public async Task Variables_proxy_reads_writes_and_copies_nested_changes_back()
    {
        var customer = new ExpandoObject() as IDictionary<string, object?>;
        customer["name"] = "Ada";
        var context = new TestExpressionContext().WithVariable("Customer", customer).WithVariable("Count", 1);

        Assert.Equal("Ada", await Run("variables.Customer.name", context));

        await Run("variables.Count = variables.Count + 1; variables.Customer.name = 'Grace';", context);

        Assert.Equal(2d, context.Values["Count"]);
        var updated = Assert.IsType<ExpandoObject>(context.Values["Customer"]) as IDictionary<string, object?>;
        Assert.Equal("Grace", updated["name"]);
        Assert.Equal("[\"Customer\",\"Count\"]", await Run("JSON.stringify(Object.keys(variables))", context));
    }

    [Fact]
    public async Task Workflow_inputs_have_generated_accessors_and_getInput()
    {
        var context = new TestExpressionContext().WithInput("Input1", "hello").WithInput("Message", "hi");

        Assert.Equal("Child: hello", await Run("\"Child: \" + getInput1();", context));
        Assert.Equal("hello", await Run("return getInput1();", context));
        Assert.Equal("Child received: hi", await Run("`Child received: ${getMessage()}`", context));
        Assert.Equal("hi", await Run("getInput('message')", context));
    }

    [Fact]
    public async Task Inputs_are_seen_with_the_types_the_engine_gives_them()
    {
        // Elsa converts workflow inputs to their declared types before scripts see them; so must the interpreter.
        var typed = new TestExpressionContext().WithInput("A", 4).WithInput("B", 5);
        Assert.Equal(9, await Run("getA() + getB()", typed, typeof(int)));

        // Left as strings, JavaScript concatenates: "4" + "5" is "45".
        var untyped = new TestExpressionContext().WithInput("A", "4").WithInput("B", "5");
        Assert.Equal(45, await Run("getA() + getB()", untyped, typeof(int)));
    }

    [Fact]
    public async Task Activity_outputs_are_read_by_helper_and_generated_accessor()
    {
        var context = new TestExpressionContext();
        context.Outputs[("ChildWithOutput1", "Output")] = "Child output value";
        context.Outputs[("Writer", null)] = "default";
        context.Outputs[("GetDataFromApi", "Result")] = 7;

        Assert.Equal("Received from child: Child output value", await Run("`Received from child: ${getOutputFromChildWithOutput1()}`", context));
        Assert.Equal("Child output value", await Run("getOutputFrom('ChildWithOutput1', 'Output')", context));
        Assert.Equal("default", await Run("getOutputFrom('Writer')", context));
        Assert.Equal(7d, await Run("getResultFromGetDataFromApi()", context));
    }

    [Fact]
    public async Task Net_objects_answer_to_lower_camel_member_names()
    {
        var context = new TestExpressionContext().WithVariable("ChildResult", new ChildResult("id-1", new Dictionary<string, object?> { ["Result"] = 9 }));

        Assert.Equal("Parent received: 9", await Run("`Parent received: ${getChildResult().output.Result}`", context));
        Assert.Equal("id-1", await Run("getChildResult().workflowInstanceId", context));
    }

    public sealed record ChildResult(string WorkflowInstanceId, IDictionary<string, object?> Output);

    [Fact]
    public async Task Workflow_identity_and_correlation_helpers()
    {
        var context = new TestExpressionContext();

        Assert.Equal("instance-1", await Run("getWorkflowInstanceId()", context));
        Assert.Equal("instance-1", await Run("workflowInstanceId", context));
        Assert.Equal("definition-1", await Run("getWorkflowDefinitionId()", context));
        Assert.Equal("definition-1:v3", await Run("getWorkflowDefinitionVersionId()", context));
        Assert.Equal(3d, await Run("getWorkflowDefinitionVersion()", context));
        Assert.Equal("corr-1", await Run("getCorrelationId()", context));
        Assert.Equal("corr-1", await Run("correlationId", context));

        await Run("setCorrelationId('corr-2')", context);
        Assert.Equal("corr-2", context.CorrelationId);
        await Run("correlationId = 'corr-3'", context);
        Assert.Equal("corr-3", context.CorrelationId);
    }

    [Fact]
    public async Task Common_helpers()
    {
        var context = new TestExpressionContext().WithVariable("CurrentValue", "Apple").WithVariable("Data", new Dictionary<string, object?> { ["a"] = 1 });
        context.LastResult = 42;

        Assert.Equal(true, await Run("isNullOrEmpty('')"));
        Assert.Equal(true, await Run("isNullOrEmpty(null)"));
        Assert.Equal(false, await Run("isNullOrWhiteSpace(' x ')"));
        Assert.Equal(true, await Run("isNullOrWhiteSpace('  ')"));
        Assert.Equal(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), await Run("parseGuid('6f9619ff-8b86-d011-b42d-00c04fc964ff')"));
        Assert.IsType<Guid>(await Run("newGuid()"));
        Assert.True(Guid.TryParse((string?)await Run("newGuidString()"), out _));
        Assert.Equal("{\"a\":1,\"b\":[true,null]}", await Run("toJson({ a: 1, b: [true, null] })"));
        Assert.Equal(2d, await Run("parseJson('{\"x\":[1,2]}').x[1]"));
        Assert.Equal(2d, await Run("JSON.parse('{\"x\":[1,2]}').x[1]"));
        Assert.Equal("Current fruit: Apple", await Run("`Current fruit: ${getCurrentValue()}`", context));
        Assert.Equal(42d, await Run("getLastResult()", context));
        Assert.Equal("{\"a\":1}", await Run("JSON.stringify(getData())", context));
        Assert.Equal("aGk=", await Run("stringToBase64('hi')"));
        Assert.Equal("hi", await Run("stringFromBase64('aGk=')"));
    }

    [Fact]
    public async Task Evaluation_arguments_are_globals()
    {
        string? outcome = null;
        var options = new ExpressionEvaluationOptions
        {
            Arguments = { ["Threshold"] = 10, ["setOutcome"] = (Action<string>)(o => outcome = o) },
        };

        Assert.Equal(true, await Run("Threshold > 5", options: options));
        Assert.Equal(10d, await Run("getThreshold()", options: options));
        Assert.Equal(10d, await Run("args.threshold", options: options));

        await Run("setOutcome('Done')", options: options);
        Assert.Equal("Done", outcome);
    }

    [Fact]
    public async Task Arguments_named_like_built_ins_do_not_change_later_evaluations()
    {
        var options = new ExpressionEvaluationOptions { Arguments = { ["JSON"] = "shadowed" } };

        Assert.Equal("shadowed", await Run("JSON", options: options));
        Assert.Equal("{}", await Run("JSON.stringify({})"));
    }

    [Fact]
    public async Task Results_are_converted_to_the_target_type()
    {
        Assert.Equal(42, await Run("'42'", type: typeof(int)));
        Assert.Equal(new[] { "a", "b" }, await Run("['a', 'b']", type: typeof(string[])));
        Assert.Equal(new List<int> { 1, 2 }, await Run("[1, 2]", type: typeof(List<int>)));
        Assert.Equal(new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc), await Run("new Date(Date.UTC(2020, 0, 2))", type: typeof(DateTime)));
        Assert.Equal(TimeSpan.FromSeconds(5), await Run("'00:00:05'", type: typeof(TimeSpan)));
        Assert.Equal(0, await Run("undefined", type: typeof(int)));
        Assert.Null(await Run("null", type: typeof(string)));
    }

    [Fact]
    public async Task Script_errors_become_expression_evaluation_exceptions()
    {
        var thrown = await Assert.ThrowsAsync<ExpressionEvaluationException>(() => Run("throw new Error('boom')"));
        Assert.Contains("boom", thrown.Message, StringComparison.Ordinal);
        Assert.Equal("JavaScript", thrown.ExpressionType);

        var reference = await Assert.ThrowsAsync<ExpressionEvaluationException>(() => Run("notDefined()"));
        Assert.Contains("notDefined", reference.Message, StringComparison.Ordinal);

        var syntax = await Assert.ThrowsAsync<ExpressionEvaluationException>(() => Run("let = ;"));
        Assert.NotNull(syntax.InnerException);
        Assert.NotNull(_evaluator.Validate("let = ;"));
        Assert.Null(_evaluator.Validate("return 1;"));
    }

    [Fact]
    public async Task Warm_up_prepares_an_engine_without_running_a_script()
    {
        _evaluator.WarmUp();

        Assert.Equal(1d, await Run("1"));
    }

    /// <summary>Every JavaScript expression found in the public Elsa conformance workflows.</summary>
    [Theory]
    [InlineData("`Current fruit: ${getCurrentValue()}`", "Current fruit: Apple")]
    [InlineData("\"Child: \" + getInput1();", "Child: in")]
    [InlineData("\"Parent: \" + getInput1();", "Parent: in")]
    [InlineData("`Bar`", "Bar")]
    [InlineData("`Received from child: ${getOutputFromChildWithOutput1()}`", "Received from child: out")]
    [InlineData("`Result: ${getTheSum()}`", "Result: 9")]
    [InlineData("`Child received: ${getMessage()}`", "Child received: msg")]
    [InlineData("`Parent received: ${getChildResult().output.Result}`", "Parent received: 9")]
    [InlineData("getCounter() + 1", "2")]
    [InlineData("getCounter() > 1", "False")]
    [InlineData("return false;", "False")]
    [InlineData("return getInput1();", "in")]
    [InlineData("[\"Apple\", \"Banana\", \"Cherry\"]", "[\"Apple\",\"Banana\",\"Cherry\"]")]
    [InlineData("({ Message: 'Hello from parent' })", "{\"Message\":\"Hello from parent\"}")]
    public async Task Conformance_expressions_evaluate(string script, string expected)
    {
        var context = new TestExpressionContext()
            .WithVariable("CurrentValue", "Apple")
            .WithVariable("TheSum", 9)
            .WithVariable("Counter", 1)
            .WithVariable("ChildResult", new ChildResult("child-1", new Dictionary<string, object?> { ["Result"] = 9 }))
            .WithInput("Input1", "in")
            .WithInput("Message", "msg");
        context.Outputs[("ChildWithOutput1", "Output")] = "out";

        Assert.Equal(expected, await Run(script, context, typeof(string)));
    }

    [Fact]
    public async Task Parsed_scripts_are_cached_by_source()
    {
        await Run("1 + 2");
        var count = _evaluator.CachedScriptCount;
        await Run("1 + 2");
        Assert.Equal(count, _evaluator.CachedScriptCount);
    }

    [Fact]
    public async Task Concurrent_evaluations_see_their_own_context()
    {
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var context = new TestExpressionContext().WithVariable("N", i);
            return (i, await _evaluator.EvaluateScriptAsync("getN() * 2", typeof(int), context));
        }));

        foreach (var (i, result) in await Task.WhenAll(tasks))
        {
            Assert.Equal(i * 2, result);
        }
    }

    [Fact]
    public async Task Scripts_cannot_change_built_ins_for_later_evaluations()
    {
        await Run("Object.assign(Array.prototype, { polluted: 1 }); 1");
        await Run("try { Object.assign(Math, { max: () => 0 }); } catch (e) { } 1");
        await Run("getVariable = () => 'hacked'; 1");

        Assert.Equal("undefined", await Run("typeof [].polluted"));
        Assert.Equal(2d, await Run("Math.max(1, 2)"));
        Assert.Equal("x", await Run("getVariable('A')", new TestExpressionContext().WithVariable("A", "x")));
    }
}
