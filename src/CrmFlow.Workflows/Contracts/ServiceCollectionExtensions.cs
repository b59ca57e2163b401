using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CrmFlow.Workflows.Contracts;

/// <summary>Explicit registration of the engine and of activities (no assembly scanning).</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the registry (with all built-in activities), the engine and the runner. Expression evaluators
    /// are registered separately as <see cref="IExpressionEvaluator"/> services.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var type in BuiltInActivities.Types)
        {
            services.AddActivity(type);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStandardOutput, ConsoleStandardOutput>();
        services.TryAddSingleton(sp => new ActivityRegistry(sp.GetServices<ActivityRegistration>()));
        services.TryAddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<ActivityRegistry>(),
            sp.GetServices<IExpressionEvaluator>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<WorkflowEngine>>(),
            sp.GetService<WorkflowEngineOptions>()));
        services.TryAddScoped<IWorkflowRunner>(sp => new WorkflowRunner(sp.GetRequiredService<WorkflowEngine>(), sp));
        return services;
    }

    /// <summary>Registers one activity class (it must carry <see cref="ActivityAttribute"/>).</summary>
    public static IServiceCollection AddActivity<T>(this IServiceCollection services)
        where T : ActivityBase, new() => services.AddActivity(typeof(T));

    public static IServiceCollection AddActivity(this IServiceCollection services, Type activityType)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(activityType);
        if (!services.Any(d => d.ServiceType == typeof(ActivityRegistration) && d.ImplementationInstance is ActivityRegistration r && r.ActivityType == activityType))
        {
            services.AddSingleton(new ActivityRegistration(activityType));
        }

        return services;
    }

    /// <summary>The activity registrations added to a service collection (for tests and tools).</summary>
    public static IEnumerable<ActivityRegistration> GetActivityRegistrations(this IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(ActivityRegistration)).Select(d => d.ImplementationInstance).OfType<ActivityRegistration>();
}
