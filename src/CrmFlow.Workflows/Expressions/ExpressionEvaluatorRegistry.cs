namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// Dispatches an <see cref="ExpressionModel"/> to the evaluator of its type (case-insensitive; <c>Json</c> is
/// the obsolete name of <c>Object</c>) and converts the result to the target type.
/// </summary>
public sealed class ExpressionEvaluatorRegistry
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase) { ["Json"] = ObjectExpressionEvaluator.TypeName };

    private readonly Dictionary<string, IExpressionEvaluator> _evaluators = new(StringComparer.OrdinalIgnoreCase);

    public ExpressionEvaluatorRegistry(IEnumerable<IExpressionEvaluator> evaluators)
    {
        ArgumentNullException.ThrowIfNull(evaluators);

        foreach (var evaluator in evaluators)
        {
            // The last registration of a type wins, so a host can replace a built-in evaluator.
            _evaluators[evaluator.ExpressionType] = evaluator;
        }

        Descriptors = [.. ExpressionDescriptor.Defaults.Where(d => _evaluators.ContainsKey(d.Type)),
            .. _evaluators.Keys
                .Where(type => ExpressionDescriptor.Defaults.All(d => !string.Equals(d.Type, type, StringComparison.OrdinalIgnoreCase)))
                .Select(type => ExpressionDescriptor.Create(type, isBrowsable: true))];
    }

    /// <summary>The evaluators by expression type.</summary>
    public IReadOnlyCollection<IExpressionEvaluator> Evaluators => _evaluators.Values;

    /// <summary>What <c>GET /descriptors/expression-descriptors</c> lists, in Elsa's order.</summary>
    public IReadOnlyList<ExpressionDescriptor> Descriptors { get; }

    public bool IsSupported(string? expressionType) => expressionType is not null && TryGetEvaluator(expressionType, out _);

    public bool TryGetEvaluator(string expressionType, out IExpressionEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(expressionType);

        if (_evaluators.TryGetValue(expressionType, out evaluator!))
        {
            return true;
        }

        return Synonyms.TryGetValue(expressionType, out var canonical) && _evaluators.TryGetValue(canonical, out evaluator!);
    }

    /// <exception cref="UnknownExpressionTypeException">No evaluator handles <paramref name="expressionType"/>.</exception>
    public IExpressionEvaluator GetEvaluator(string expressionType) =>
        TryGetEvaluator(expressionType, out var evaluator) ? evaluator : throw new UnknownExpressionTypeException(expressionType);

    /// <summary>
    /// Checks an expression without running it: the reason it cannot run (unknown type, syntax error), or null.
    /// Types without a syntax (Literal, Object, Variable, Input) are always valid.
    /// </summary>
    public string? Validate(ExpressionModel expression)
    {
        ArgumentNullException.ThrowIfNull(expression);

        if (!TryGetEvaluator(expression.Type, out var evaluator))
        {
            return new UnknownExpressionTypeException(expression.Type).Message;
        }

        return evaluator is IExpressionValidator validator && expression.ValueAsString is { Length: > 0 } source
            ? validator.Validate(source)
            : null;
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> and converts the result to <paramref name="targetType"/>.
    /// A null expression gives null (the default for value types).
    /// </summary>
    /// <exception cref="UnknownExpressionTypeException">The expression type is not supported (e.g. CSharp, Python).</exception>
    /// <exception cref="ExpressionEvaluationException">The expression does not parse or fails.</exception>
    /// <exception cref="ScriptLimitExceededException">A script broke a sandbox limit.</exception>
    /// <exception cref="ValueConversionException">The result cannot be converted to the target type.</exception>
    public async ValueTask<object?> EvaluateAsync(ExpressionModel? expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(context);

        if (expression is null)
        {
            return ValueConverter.DefaultOf(targetType);
        }

        var evaluator = GetEvaluator(expression.Type);
        var result = await evaluator.EvaluateAsync(expression, targetType, context, options ?? ExpressionEvaluationOptions.Empty).ConfigureAwait(false);
        return ValueConverter.ConvertTo(result, targetType);
    }

    /// <inheritdoc cref="EvaluateAsync(ExpressionModel?, Type, IExpressionContext, ExpressionEvaluationOptions?)"/>
    public async ValueTask<T?> EvaluateAsync<T>(ExpressionModel? expression, IExpressionContext context, ExpressionEvaluationOptions? options = null) =>
        await EvaluateAsync(expression, typeof(T), context, options).ConfigureAwait(false) is T value ? value : default;
}
