using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Tests.Expressions;

/// <summary>An in-memory <see cref="IExpressionContext"/>: variables, workflow input, activity outputs.</summary>
public sealed class TestExpressionContext : IExpressionContext
{
    private readonly List<ExpressionVariable> _variables = [];
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _input = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _inputNames = [];

    public string WorkflowInstanceId { get; init; } = "instance-1";
    public string WorkflowDefinitionId { get; init; } = "definition-1";
    public string WorkflowDefinitionVersionId { get; init; } = "definition-1:v3";
    public int WorkflowDefinitionVersion { get; init; } = 3;
    public string? CorrelationId { get; set; } = "corr-1";
    public string? ActivityId { get; init; } = "activity-1";
    public IReadOnlyList<ExpressionVariable> Variables => _variables;
    public IReadOnlyDictionary<string, object?> WorkflowInput => _input;
    public IReadOnlyList<string> InputNames => _inputNames;
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Outputs by (activity id or name, output name or null for the default output).</summary>
    public Dictionary<(string Activity, string? Output), object?> Outputs { get; } = [];

    public object? LastResult { get; set; }

    public IReadOnlyDictionary<string, object?> Values => _values;

    public TestExpressionContext WithVariable(string name, object? value, string? typeName = null)
    {
        _variables.Add(new ExpressionVariable("var-" + name, name, typeName));
        _values[name] = value;
        return this;
    }

    public TestExpressionContext WithInput(string name, object? value)
    {
        _inputNames.Add(name);
        _input[name] = value;
        return this;
    }

    public bool TryGetVariable(string name, out object? value) => _values.TryGetValue(name, out value);

    public void SetVariable(string name, object? value)
    {
        if (!_values.ContainsKey(name))
        {
            _variables.Add(new ExpressionVariable("var-" + name, name, null));
        }

        _values[name] = value;
    }

    public object? GetOutputFrom(string activityIdOrName, string? outputName) =>
        Outputs.TryGetValue((activityIdOrName, outputName), out var value) ? value : null;

    public object? GetLastResult() => LastResult;
}
