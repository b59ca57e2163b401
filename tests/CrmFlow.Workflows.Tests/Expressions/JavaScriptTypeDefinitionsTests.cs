using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Expressions.JavaScript;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class JavaScriptTypeDefinitionsTests
{
    [Fact]
    public void Declares_helpers_and_generated_accessors()
    {
        var text = JavaScriptTypeDefinitions.Render(
            [new ExpressionVariable("v1", "Counter", "Int32"), new ExpressionVariable("v2", "order total", "Decimal"), new ExpressionVariable("v3", "Tags", "String[]")],
            ["Input1"],
            [("ChildWithOutput1", "Output")]);

        Assert.Contains("declare function getVariable(name: string): any;", text, StringComparison.Ordinal);
        Assert.Contains("declare function getCounter(): number;", text, StringComparison.Ordinal);
        Assert.Contains("declare function setCounter(value: number): void;", text, StringComparison.Ordinal);
        Assert.Contains("declare function getOrderTotal(): number;", text, StringComparison.Ordinal);
        Assert.Contains("declare function getTags(): string[];", text, StringComparison.Ordinal);
        Assert.Contains("  \"order total\": number;", text, StringComparison.Ordinal);
        Assert.Contains("declare function getInput1(): any;", text, StringComparison.Ordinal);
        Assert.Contains("declare function getOutputFromChildWithOutput1(): any;", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("String", "string")]
    [InlineData("Boolean", "boolean")]
    [InlineData("Int32?", "number")]
    [InlineData("DateTimeOffset", "Date")]
    [InlineData("List<String>", "string[]")]
    [InlineData("Object", "any")]
    [InlineData(null, "any")]
    public void Maps_elsa_type_names_to_typescript(string? typeName, string expected)
    {
        Assert.Equal(expected, JavaScriptTypeDefinitions.ToTypeScript(typeName));
    }

    [Theory]
    [InlineData("JavaScript", "return 1;", true)]
    [InlineData("JavaScript", "let = ;", false)]
    [InlineData("Liquid", "{{ Variables.x }}", true)]
    [InlineData("Liquid", "{% if %}", false)]
    [InlineData("Literal", "{{ anything", true)]
    [InlineData("CSharp", "1 + 1", false)]
    public void The_registry_validates_without_running(string type, string source, bool valid)
    {
        var registry = WorkflowExpressions.CreateRegistry();

        var error = registry.Validate(new ExpressionModel(type, System.Text.Json.Nodes.JsonValue.Create(source)));

        Assert.Equal(valid, error is null);
    }
}
