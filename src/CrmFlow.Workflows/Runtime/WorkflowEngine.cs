using System.Runtime.CompilerServices;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmFlow.Workflows.Runtime;

/// <summary>Engine-wide options.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>Record journal entries (on by default; benchmarks may turn it off).</summary>
    public bool EnableJournal { get; set; } = true;
}

/// <summary>The shared, thread-safe parts of the engine: registry, evaluators, graph cache, clock.</summary>
public sealed class WorkflowEngine
{
    private readonly Dictionary<string, IExpressionEvaluator> _evaluators;
    private readonly ConditionalWeakTable<WorkflowDefinition, WorkflowGraph> _rootGraphs = new();
    private readonly ConditionalWeakTable<WorkflowDefinition, WorkflowGraph> _childGraphs = new();

    public WorkflowEngine(
        ActivityRegistry registry,
        IEnumerable<IExpressionEvaluator> evaluators,
        TimeProvider? timeProvider = null,
        ILogger<WorkflowEngine>? logger = null,
        WorkflowEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(evaluators);
        Registry = registry;
        _evaluators = new Dictionary<string, IExpressionEvaluator>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in evaluators)
        {
            _evaluators[e.ExpressionType] = e;
        }

        if (_evaluators.TryGetValue("Object", out var obj))
        {
            _evaluators.TryAdd("Json", obj);
        }

        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = logger ?? (ILogger)NullLogger.Instance;
        Options = options ?? new WorkflowEngineOptions();
    }

    public ActivityRegistry Registry { get; }

    public TimeProvider TimeProvider { get; }

    public WorkflowEngineOptions Options { get; }

    internal ILogger Logger { get; }

    public IExpressionEvaluator GetEvaluator(string expressionType) =>
        _evaluators.TryGetValue(expressionType, out var e) ? e : throw new UnknownExpressionTypeException(expressionType);

    /// <summary>The prepared graph of a definition run as a workflow (cached per definition object).</summary>
    public WorkflowGraph GetGraph(WorkflowDefinition definition) =>
        _rootGraphs.GetValue(definition, d => new WorkflowGraph(d, WorkflowGraph.RootKey, Registry));

    internal WorkflowGraph GetGraph(WorkflowDefinition definition, string key) =>
        _childGraphs.GetValue(definition, d => new WorkflowGraph(d, key, Registry));
}
