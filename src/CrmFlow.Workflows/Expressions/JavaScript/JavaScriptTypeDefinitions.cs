using System.Globalization;
using System.Text;

namespace CrmFlow.Workflows.Expressions.JavaScript;

/// <summary>
/// The TypeScript declarations Studio's Monaco editor loads for JavaScript IntelliSense
/// (<c>POST /scripting/javascript/type-definitions/{definitionId}</c>, answered as plain text): the helpers every
/// script has, plus the generated accessors of the given variables, inputs and activity outputs.
/// </summary>
public static class JavaScriptTypeDefinitions
{
    private const string Helpers = """
        declare function getVariable(name: string): any;
        declare function setVariable(name: string, value: any): void;
        declare function getInput(name: string): any;
        declare function getOutputFrom(activityIdOrName: string, outputName?: string): any;
        declare function getLastResult(): any;
        declare function getCurrentValue(): any;
        declare function getWorkflowInstanceId(): string;
        declare function getWorkflowDefinitionId(): string;
        declare function getWorkflowDefinitionVersionId(): string;
        declare function getWorkflowDefinitionVersion(): number;
        declare function getCorrelationId(): string | null;
        declare function setCorrelationId(value: string | null): void;
        declare function isNullOrEmpty(value: string | null | undefined): boolean;
        declare function isNullOrWhiteSpace(value: string | null | undefined): boolean;
        declare function parseGuid(value: string): any;
        declare function newGuid(): any;
        declare function newGuidString(): string;
        declare function newShortGuid(): string;
        declare function toJson(value: any): string;
        declare function parseJson(json: string): any;
        declare function stringToBase64(value: string): string;
        declare function stringFromBase64(value: string): string;
        declare function bytesToString(value: any): string;
        declare function bytesFromString(value: string): any;
        declare function bytesToBase64(value: any): string;
        declare function bytesFromBase64(value: string): any;
        declare var workflowInstanceId: string;
        declare var correlationId: string | null;
        """;

    /// <summary>Renders the declarations.</summary>
    /// <param name="variables">Variables in scope (their <c>typeName</c> picks the TypeScript type).</param>
    /// <param name="inputNames">Workflow input names.</param>
    /// <param name="activityOutputs">Activity names with their output names, for <c>get&lt;Output&gt;From&lt;Activity&gt;()</c>.</param>
    public static string Render(
        IEnumerable<ExpressionVariable> variables,
        IEnumerable<string> inputNames,
        IEnumerable<(string ActivityName, string OutputName)>? activityOutputs = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(inputNames);

        var output = new StringBuilder(Helpers.Length + 512).AppendLine(Helpers);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var variableTypes = new List<string>();

        foreach (var variable in variables)
        {
            var identifier = JavaScriptEvaluator.ToIdentifierPart(variable.Name);
            if (identifier.Length == 0 || !declared.Add("get" + identifier))
            {
                continue;
            }

            var type = ToTypeScript(variable.TypeName);
            output.AppendLine(CultureInfo.InvariantCulture, $"declare function get{identifier}(): {type};");
            output.AppendLine(CultureInfo.InvariantCulture, $"declare function set{identifier}(value: {type}): void;");
            variableTypes.Add($"  {Quote(variable.Name)}: {type};");
        }

        output.AppendLine("declare var variables: {");
        foreach (var line in variableTypes)
        {
            output.AppendLine(line);
        }

        output.AppendLine("  [name: string]: any;").AppendLine("};");

        foreach (var inputName in inputNames)
        {
            var identifier = JavaScriptEvaluator.ToIdentifierPart(inputName);
            if (identifier.Length > 0 && declared.Add("get" + identifier))
            {
                output.AppendLine(CultureInfo.InvariantCulture, $"declare function get{identifier}(): any;");
            }
        }

        foreach (var (activityName, outputName) in activityOutputs ?? [])
        {
            var name = $"get{JavaScriptEvaluator.ToIdentifierPart(outputName)}From{JavaScriptEvaluator.ToIdentifierPart(activityName)}";
            if (declared.Add(name))
            {
                output.AppendLine(CultureInfo.InvariantCulture, $"declare function {name}(): any;");
            }
        }

        return output.ToString();
    }

    /// <summary>The TypeScript type for an Elsa <c>typeName</c>.</summary>
    public static string ToTypeScript(string? typeName)
    {
        var type = WellKnownTypeRegistry.Default.GetTypeOrObject(typeName);
        type = Nullable.GetUnderlyingType(type) ?? type;

        if (type == typeof(string) || type == typeof(Guid) || type == typeof(char) || type == typeof(TimeSpan) || type.IsEnum)
        {
            return "string";
        }

        if (type == typeof(bool))
        {
            return "boolean";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(double)
            || type == typeof(float) || type == typeof(decimal))
        {
            return "number";
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly))
        {
            return "Date";
        }

        if (type != typeof(string) && type.IsArray)
        {
            return ToTypeScript(WellKnownTypeRegistry.Default.GetAlias(type.GetElementType()!)) + "[]";
        }

        if (type.IsGenericType && type.GenericTypeArguments.Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return ToTypeScript(WellKnownTypeRegistry.Default.GetAlias(type.GenericTypeArguments[0])) + "[]";
        }

        return "any";
    }

    private static string Quote(string name) =>
        "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
