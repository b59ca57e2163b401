using CrmFlow.Workflows.Expressions.JavaScript;
using CrmFlow.Workflows.Expressions.Liquid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmFlow.Workflows.Expressions;

/// <summary>Builds the expression layer with or without dependency injection.</summary>
public static class WorkflowExpressions
{
    /// <summary>The six built-in evaluators: Literal, Object, Variable, Input, JavaScript, Liquid.</summary>
    public static IReadOnlyList<IExpressionEvaluator> CreateEvaluators(ScriptingOptions? options = null)
    {
        options ??= new ScriptingOptions();
        return
        [
            new LiteralExpressionEvaluator(),
            new ObjectExpressionEvaluator(),
            new VariableExpressionEvaluator(),
            new InputExpressionEvaluator(),
            new JavaScriptEvaluator(options),
            new LiquidEvaluator(options),
        ];
    }

    /// <summary>A ready dispatcher over the built-in evaluators, for tests, benchmarks and tools.</summary>
    public static ExpressionEvaluatorRegistry CreateRegistry(ScriptingOptions? options = null) => new(CreateEvaluators(options));

    /// <summary>
    /// Registers <see cref="ScriptingOptions"/>, the built-in evaluators (each as itself and as
    /// <see cref="IExpressionEvaluator"/>), <see cref="ExpressionEvaluatorRegistry"/> and
    /// <see cref="WellKnownTypeRegistry"/>, all singletons. <paramref name="configure"/> adjusts the sandbox
    /// limits (bind <c>Workflows:Scripting</c> there).
    /// </summary>
    public static IServiceCollection AddWorkflowExpressions(this IServiceCollection services, Action<ScriptingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(_ =>
        {
            var options = new ScriptingOptions();
            configure?.Invoke(options);
            return options;
        });

        services.TryAddSingleton(WellKnownTypeRegistry.Default);
        services.TryAddSingleton<LiteralExpressionEvaluator>();
        services.TryAddSingleton<ObjectExpressionEvaluator>();
        services.TryAddSingleton<VariableExpressionEvaluator>();
        services.TryAddSingleton<InputExpressionEvaluator>();
        services.TryAddSingleton(sp => new JavaScriptEvaluator(sp.GetRequiredService<ScriptingOptions>()));
        services.TryAddSingleton(sp => new LiquidEvaluator(sp.GetRequiredService<ScriptingOptions>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, LiteralExpressionEvaluator>(sp => sp.GetRequiredService<LiteralExpressionEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, ObjectExpressionEvaluator>(sp => sp.GetRequiredService<ObjectExpressionEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, VariableExpressionEvaluator>(sp => sp.GetRequiredService<VariableExpressionEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, InputExpressionEvaluator>(sp => sp.GetRequiredService<InputExpressionEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, JavaScriptEvaluator>(sp => sp.GetRequiredService<JavaScriptEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, LiquidEvaluator>(sp => sp.GetRequiredService<LiquidEvaluator>()));

        services.TryAddSingleton(sp => new ExpressionEvaluatorRegistry(sp.GetServices<IExpressionEvaluator>()));
        return services;
    }
}
