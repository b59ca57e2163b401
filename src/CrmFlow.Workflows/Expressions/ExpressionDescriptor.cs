using System.Text.Json.Serialization;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// One item of Elsa's <c>GET /descriptors/expression-descriptors</c>:
/// <c>{ "type", "displayName", "isSerializable", "isBrowsable", "properties": { "MonacoLanguage": ... } }</c>.
/// </summary>
public sealed record ExpressionDescriptor(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("isSerializable")] bool IsSerializable,
    [property: JsonPropertyName("isBrowsable")] bool IsBrowsable,
    [property: JsonPropertyName("properties")] IReadOnlyDictionary<string, object> Properties)
{
    /// <summary>The six syntaxes CrmFlow evaluates, in the order the real server lists them.</summary>
    public static IReadOnlyList<ExpressionDescriptor> Defaults { get; } =
    [
        Create(LiteralExpressionEvaluator.TypeName, isBrowsable: false),
        Create(ObjectExpressionEvaluator.TypeName, isBrowsable: false, monacoLanguage: "json"),
        Create(VariableExpressionEvaluator.TypeName, isBrowsable: true),
        Create(InputExpressionEvaluator.TypeName, isBrowsable: true),
        Create(JavaScript.JavaScriptEvaluator.TypeName, isBrowsable: true, monacoLanguage: "javascript"),
        Create(Liquid.LiquidEvaluator.TypeName, isBrowsable: true, monacoLanguage: "liquid"),
    ];

    public static ExpressionDescriptor Create(string type, bool isBrowsable, string? monacoLanguage = null, bool isSerializable = true) =>
        new(type, type, isSerializable, isBrowsable,
            monacoLanguage is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["MonacoLanguage"] = monacoLanguage });
}
