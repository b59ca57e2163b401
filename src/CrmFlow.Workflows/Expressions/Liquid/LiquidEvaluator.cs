using System.Collections;
using System.Collections.Concurrent;
using System.Dynamic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace CrmFlow.Workflows.Expressions.Liquid;

/// <summary>
/// Evaluates <c>Liquid</c> templates with Fluid. Templates see Elsa's members: <c>Variables.x</c>,
/// <c>Input.x</c>, <c>WorkflowInstanceId</c>, <c>CorrelationId</c>, <c>WorkflowDefinitionId</c>,
/// <c>WorkflowDefinitionVersionId</c>, <c>WorkflowDefinitionVersion</c>, and each evaluation argument by name.
/// Filters: Fluid's (including <c>json</c> and <c>round</c>) plus <c>base64</c> and <c>keys</c>.
/// </summary>
/// <remarks>
/// Safe by default: no CLR member is reachable unless registered here. Dictionaries, <see cref="ExpandoObject"/>,
/// lists and JSON are navigable; any other .NET object is seen as the data of its JSON form (public properties
/// only, no methods). Output is not HTML-encoded. A template that does not parse throws
/// <see cref="ExpressionEvaluationException"/>; one that loops past <see cref="ScriptingOptions.MaxStatements"/>
/// steps throws <see cref="ScriptLimitExceededException"/> (limit <c>Statements</c>).
/// </remarks>
public sealed class LiquidEvaluator : IExpressionEvaluator, IExpressionValidator
{
    public const string TypeName = "Liquid";

    private const int CacheCapacity = 4096;

    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });

    private readonly ConcurrentDictionary<string, (IFluidTemplate? Template, string? Error)> _templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions _templateOptions;

    public LiquidEvaluator(ScriptingOptions? options = null)
    {
        var scripting = options ?? new ScriptingOptions();
        _templateOptions = CreateTemplateOptions(scripting);
    }

    public string ExpressionType => TypeName;

    public async ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(context);

        var rendered = await RenderAsync(expression.ValueAsString ?? string.Empty, context, options ?? ExpressionEvaluationOptions.Empty).ConfigureAwait(false);
        return ValueConverter.ConvertTo(rendered, targetType);
    }

    /// <summary>Renders <paramref name="source"/>; null for a blank template (as Elsa).</summary>
    public async ValueTask<string?> RenderAsync(string source, IExpressionContext context, ExpressionEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);

        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        context.CancellationToken.ThrowIfCancellationRequested();
        var template = GetTemplate(source);
        var templateContext = CreateTemplateContext(context, options ?? ExpressionEvaluationOptions.Empty);

        try
        {
            return await template.RenderAsync(templateContext, NullEncoder.Default).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("maximum number of statements", StringComparison.OrdinalIgnoreCase)
                                                   || e.Message.Contains("maximum level of recursion", StringComparison.OrdinalIgnoreCase))
        {
            // Fluid reports a spent step budget with its recursion message; with no include provider configured,
            // a template cannot recurse, so both mean the step limit.
            throw new ScriptLimitExceededException("Statements", $"The template ran more than the {_templateOptions.MaxSteps} steps limit.", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or ParseException && e is not ExpressionEvaluationException)
        {
            throw new ExpressionEvaluationException(TypeName, source, e.Message, e);
        }
    }

    /// <summary>Parses <paramref name="expression"/>; returns the error, or null when it parses.</summary>
    public string? Validate(string expression) => Parse(expression).Error;

    private IFluidTemplate GetTemplate(string source)
    {
        var (template, error) = Parse(source);
        return template ?? throw new ExpressionEvaluationException(TypeName, source, error ?? "The template does not parse.");
    }

    private (IFluidTemplate? Template, string? Error) Parse(string source)
    {
        if (_templates.TryGetValue(source, out var cached))
        {
            return cached;
        }

        var entry = Parser.TryParse(source, out var template, out var error) ? (template, null) : ((IFluidTemplate?)null, error);

        if (_templates.Count >= CacheCapacity)
        {
            _templates.Clear();
        }

        return _templates.GetOrAdd(source, entry);
    }

    private TemplateContext CreateTemplateContext(IExpressionContext context, ExpressionEvaluationOptions options)
    {
        var templateContext = new TemplateContext(_templateOptions);

        foreach (var (name, value) in options.Arguments)
        {
            if (value is not Delegate)
            {
                templateContext.SetValue(name, value);
            }
        }

        templateContext.SetValue("Variables", new LiquidVariables(context));
        templateContext.SetValue("Input", new LiquidInput(context));
        templateContext.SetValue("WorkflowInstanceId", context.WorkflowInstanceId);
        templateContext.SetValue("WorkflowDefinitionId", context.WorkflowDefinitionId);
        templateContext.SetValue("WorkflowDefinitionVersionId", context.WorkflowDefinitionVersionId);
        templateContext.SetValue("WorkflowDefinitionVersion", context.WorkflowDefinitionVersion);
        templateContext.SetValue("CorrelationId", context.CorrelationId);
        return templateContext;
    }

    private static TemplateOptions CreateTemplateOptions(ScriptingOptions scripting)
    {
        var options = new TemplateOptions
        {
            MaxSteps = scripting.MaxStatements,
            CultureInfo = CultureInfo.InvariantCulture,
        };

        options.MemberAccessStrategy.Register<LiquidVariables, object?>((variables, name) => variables.Get(name));
        options.MemberAccessStrategy.Register<LiquidInput, object?>((input, name) => input.Get(name));
        options.ValueConverters.Add(ToTemplateValue);
        options.Filters.AddFilter("base64", Base64);
        options.Filters.AddFilter("keys", Keys);
        return options;
    }

    /// <summary>JSON becomes plain data; any other non-data object is seen through its JSON form.</summary>
    private static object? ToTemplateValue(object value) => value switch
    {
        JsonNode node => JsonValues.ToClr(node) ?? NilValue.Instance,
        JsonElement element => JsonValues.ToClr(element) ?? NilValue.Instance,
        LiquidVariables or LiquidInput or FluidValue or string or IDictionary or IEnumerable or IFormattable or bool or char => null,
        _ when value.GetType().IsClass && value.GetType().Namespace?.StartsWith("Fluid", StringComparison.Ordinal) != true => DataView(value),
        _ => null,
    };

    private static object? DataView(object value)
    {
        try
        {
            return JsonValues.ParseToClr(JsonValues.Serialize(value)) ?? NilValue.Instance;
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            return StringValue.Create(value.ToString() ?? string.Empty);
        }
    }

    private static ValueTask<FluidValue> Base64(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
        {
            return new ValueTask<FluidValue>(NilValue.Instance);
        }

        var text = input.Type switch
        {
            FluidValues.Array or FluidValues.Dictionary or FluidValues.Object => JsonValues.Serialize(input.ToObjectValue()),
            FluidValues.Number => input.ToNumberValue().ToString(CultureInfo.InvariantCulture),
            _ => input.ToStringValue(),
        };

        return new ValueTask<FluidValue>(StringValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text))));
    }

    private static ValueTask<FluidValue> Keys(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var keys = input.ToObjectValue() switch
        {
            IFluidIndexable indexable => indexable.Keys.ToArray(),
            IDictionary<string, object?> dictionary => dictionary.Keys.ToArray(),
            IDictionary dictionary => dictionary.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty).ToArray(),
            _ => [],
        };

        return new ValueTask<FluidValue>(FluidValue.Create(keys, context.Options));
    }

    private sealed class LiquidVariables(IExpressionContext context)
    {
        public object? Get(string name) => context.GetVariableOrDefault(name);
    }

    private sealed class LiquidInput(IExpressionContext context)
    {
        public object? Get(string name) => context.GetWorkflowInput(name);
    }
}
