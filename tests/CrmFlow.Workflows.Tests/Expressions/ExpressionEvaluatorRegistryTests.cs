using System.Dynamic;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Expressions.JavaScript;
using CrmFlow.Workflows.Expressions.Liquid;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluatorRegistryTests
{
    private readonly ExpressionEvaluatorRegistry _registry = WorkflowExpressions.CreateRegistry();
    private readonly TestExpressionContext _context = new TestExpressionContext()
        .WithVariable("Counter", 3)
        .WithVariable("Methods", new List<string> { "GET" })
        .WithInput("Input1", "hello")
        .WithInput("Amount", 12.5m);

    private static ExpressionModel Expr(string type, string? value) => new(type, value is null ? null : JsonValue.Create(value));

    private async Task<object?> Eval(ExpressionModel? expression, Type type) => await _registry.EvaluateAsync(expression, type, _context);

    public static TheoryData<string?, Type, object?> Literals => new()
    {
        { "Hello", typeof(string), "Hello" },
        { "True", typeof(bool), true },
        { "4", typeof(int), 4 },
        { "00:00:05", typeof(TimeSpan), TimeSpan.FromSeconds(5) },
        { "OK", typeof(HttpStatusCode), HttpStatusCode.OK },
        { "2026-11-26T10:00:00Z", typeof(DateTimeOffset), new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero) },
        { null, typeof(string), null },
        { null, typeof(int), 0 },
        { "", typeof(int?), null },
        { "4", typeof(object), "4" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public async Task Literal_values_are_converted_to_the_target_type(string? value, Type type, object? expected)
    {
        Assert.Equal(expected, await Eval(Expr("Literal", value), type));
    }

    [Fact]
    public async Task Literal_json_primitives_keep_their_type()
    {
        Assert.Equal(4, await Eval(new ExpressionModel("Literal", JsonValue.Create(4)), typeof(object)));
        Assert.Equal(true, await Eval(new ExpressionModel("Literal", JsonValue.Create(true)), typeof(object)));
        Assert.Equal("4", await Eval(new ExpressionModel("Literal", JsonValue.Create(4)), typeof(string)));
        Assert.Equal(new[] { "GET" }, await Eval(Expr("Literal", "[\"GET\"]"), typeof(string[])));
    }

    [Fact]
    public async Task Object_json_text_is_converted_to_the_target_type()
    {
        Assert.Equal(new[] { "One", "Two", "Three" }, await Eval(Expr("Object", "[\"One\",\"Two\",\"Three\"]"), typeof(ICollection<string>)));

        var plain = Assert.IsType<object?[]>(await Eval(Expr("Object", "[\"One\",\"Two\"]"), typeof(object)));
        Assert.Equal(new object?[] { "One", "Two" }, plain);

        var expando = Assert.IsType<ExpandoObject>(await Eval(Expr("Object", """{"Message":"Hi"}"""), typeof(object))) as IDictionary<string, object?>;
        Assert.Equal("Hi", expando["Message"]);

        Assert.Equal("not json", await Eval(Expr("Object", "not json"), typeof(object)));
        Assert.Null(await Eval(Expr("Object", "  "), typeof(object)));
        Assert.Equal(5, await Eval(Expr("Object", "5"), typeof(int)));
    }

    [Fact]
    public async Task Object_accepts_raw_json_values_and_the_obsolete_json_type()
    {
        var raw = new ExpressionModel("Object", JsonNode.Parse("""{"a":[1,2]}"""));
        var result = Assert.IsType<JsonObject>(await Eval(raw, typeof(JsonObject)));
        Assert.Equal(2, result["a"]![1]!.GetValue<int>());

        Assert.Equal(new List<int> { 1, 2 }, await Eval(new ExpressionModel("Json", JsonNode.Parse("[1,2]")), typeof(List<int>)));
    }

    [Fact]
    public async Task Variable_expressions_read_by_name_id_or_reference_object()
    {
        Assert.Equal(3, await Eval(Expr("Variable", "Counter"), typeof(int)));
        Assert.Equal("3", await Eval(Expr("Variable", "var-Counter"), typeof(string)));
        Assert.Equal(3, await Eval(new ExpressionModel("Variable", JsonNode.Parse("""{"id":"var-Counter","name":"ignored"}""")), typeof(int)));
        Assert.Equal(3, await Eval(new ExpressionModel("Variable", JsonNode.Parse("""{"name":"Counter"}""")), typeof(int)));
        Assert.Equal(new[] { "GET" }, await Eval(Expr("Variable", "Methods"), typeof(string[])));
        Assert.Null(await Eval(Expr("Variable", "Missing"), typeof(string)));
    }

    [Fact]
    public async Task Input_expressions_read_workflow_inputs()
    {
        Assert.Equal("hello", await Eval(Expr("Input", "Input1"), typeof(string)));
        Assert.Equal("hello", await Eval(Expr("Input", "input1"), typeof(string)));
        Assert.Equal(12.5, await Eval(new ExpressionModel("Input", JsonNode.Parse("""{"name":"Amount","type":"Decimal"}""")), typeof(double)));
        Assert.Null(await Eval(Expr("Input", "Missing"), typeof(object)));
    }

    [Theory]
    [InlineData("JavaScript")]
    [InlineData("javascript")]
    [InlineData("JAVASCRIPT")]
    public async Task Expression_types_are_matched_case_insensitively(string type)
    {
        Assert.Equal(4, await Eval(Expr(type, "getCounter() + 1"), typeof(int)));
    }

    [Theory]
    [InlineData("CSharp")]
    [InlineData("Python")]
    [InlineData("Delegate")]
    [InlineData("")]
    public async Task Unknown_expression_types_are_refused(string type)
    {
        var thrown = await Assert.ThrowsAsync<UnknownExpressionTypeException>(() => Eval(Expr(type, "1"), typeof(object)));

        Assert.Equal(type, thrown.ExpressionType);
        Assert.False(_registry.IsSupported(type));
    }

    [Fact]
    public async Task A_missing_expression_gives_the_default()
    {
        Assert.Null(await Eval(null, typeof(string)));
        Assert.Equal(0, await Eval(null, typeof(int)));
    }

    [Fact]
    public async Task Results_that_cannot_be_converted_raise_value_conversion_exception()
    {
        await Assert.ThrowsAsync<ValueConversionException>(() => Eval(Expr("Literal", "abc"), typeof(int)));
        await Assert.ThrowsAsync<ValueConversionException>(() => Eval(Expr("JavaScript", "'abc'"), typeof(int)));
    }

    [Fact]
    public async Task Generic_evaluate_returns_typed_values()
    {
        Assert.Equal(4, await _registry.EvaluateAsync<int>(Expr("Literal", "4"), _context));
        Assert.Equal("Hello 3", await _registry.EvaluateAsync<string>(Expr("Liquid", "Hello {{ Variables.Counter }}"), _context));
    }

    [Fact]
    public void Descriptors_match_what_the_studio_expects()
    {
        var json = JsonSerializer.Serialize(new { items = _registry.Descriptors, count = _registry.Descriptors.Count });

        Assert.Equal(
            """{"items":[""" +
            """{"type":"Literal","displayName":"Literal","isSerializable":true,"isBrowsable":false,"properties":{}},""" +
            """{"type":"Object","displayName":"Object","isSerializable":true,"isBrowsable":false,"properties":{"MonacoLanguage":"json"}},""" +
            """{"type":"Variable","displayName":"Variable","isSerializable":true,"isBrowsable":true,"properties":{}},""" +
            """{"type":"Input","displayName":"Input","isSerializable":true,"isBrowsable":true,"properties":{}},""" +
            """{"type":"JavaScript","displayName":"JavaScript","isSerializable":true,"isBrowsable":true,"properties":{"MonacoLanguage":"javascript"}},""" +
            """{"type":"Liquid","displayName":"Liquid","isSerializable":true,"isBrowsable":true,"properties":{"MonacoLanguage":"liquid"}}""" +
            """],"count":6}""",
            json);
    }

    [Fact]
    public async Task A_later_evaluator_replaces_a_built_in_one()
    {
        var registry = new ExpressionEvaluatorRegistry([.. WorkflowExpressions.CreateEvaluators(), new ShoutingLiteral()]);

        Assert.Equal("HI", await registry.EvaluateAsync(Expr("Literal", "hi"), typeof(string), _context));
        Assert.Equal(6, registry.Descriptors.Count);
    }

    private sealed class ShoutingLiteral : IExpressionEvaluator
    {
        public string ExpressionType => "Literal";

        public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options) =>
            ValueTask.FromResult<object?>(expression.ValueAsString?.ToUpperInvariant());
    }

    [Fact]
    public void The_static_factory_builds_all_six_evaluators()
    {
        var types = WorkflowExpressions.CreateEvaluators().Select(e => e.GetType()).ToList();

        Assert.Equal(
            [typeof(LiteralExpressionEvaluator), typeof(ObjectExpressionEvaluator), typeof(VariableExpressionEvaluator),
             typeof(InputExpressionEvaluator), typeof(JavaScriptEvaluator), typeof(LiquidEvaluator)],
            types);
    }
}
