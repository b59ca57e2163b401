using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Expressions.JavaScript;
using CrmFlow.Workflows.Expressions.Liquid;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class WorkflowExpressionsRegistrationTests
{
    [Fact]
    public async Task AddWorkflowExpressions_registers_a_working_dispatcher()
    {
        var services = new ServiceCollection().AddWorkflowExpressions();
        using var provider = new SingletonProvider(services);

        var registry = provider.GetRequiredService<ExpressionEvaluatorRegistry>();
        var result = await registry.EvaluateAsync(new ExpressionModel("JavaScript", JsonValue.Create("6 * 7")), typeof(int), new TestExpressionContext());

        Assert.Equal(42, result);
        Assert.Equal(6, registry.Evaluators.Count);
        Assert.Same(provider.GetRequiredService<JavaScriptEvaluator>(), registry.GetEvaluator("JavaScript"));
        Assert.Same(WellKnownTypeRegistry.Default, provider.GetRequiredService<WellKnownTypeRegistry>());
    }

    [Fact]
    public async Task The_configure_callback_sets_the_sandbox_limits()
    {
        var services = new ServiceCollection().AddWorkflowExpressions(o => o.Timeout = TimeSpan.FromMilliseconds(123));
        using var provider = new SingletonProvider(services);

        Assert.Equal(TimeSpan.FromMilliseconds(123), provider.GetRequiredService<ScriptingOptions>().Timeout);
        var thrown = await Assert.ThrowsAsync<ScriptLimitExceededException>(async () =>
            await provider.GetRequiredService<JavaScriptEvaluator>().EvaluateScriptAsync("while (true) {}", typeof(object), new TestExpressionContext()));
        Assert.Contains("123 ms", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_adds_nothing_twice()
    {
        var services = new ServiceCollection().AddWorkflowExpressions().AddWorkflowExpressions();

        Assert.Equal(6, services.Count(d => d.ServiceType == typeof(IExpressionEvaluator)));
        Assert.Single(services, d => d.ServiceType == typeof(ExpressionEvaluatorRegistry));
        Assert.Single(services, d => d.ServiceType == typeof(LiquidEvaluator));
        Assert.All(services, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }

    /// <summary>
    /// Just enough of a container for singleton registrations (the test project has only the DI abstractions):
    /// instances, factories, parameterless types and <c>IEnumerable&lt;T&gt;</c>.
    /// </summary>
    private sealed class SingletonProvider(IServiceCollection services) : IServiceProvider, IDisposable
    {
        private readonly Dictionary<ServiceDescriptor, object> _instances = [];

        public object? GetService(Type serviceType)
        {
            if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var elementType = serviceType.GenericTypeArguments[0];
                var all = services.Where(d => d.ServiceType == elementType).Select(Resolve).ToArray();
                var array = Array.CreateInstance(elementType, all.Length);
                all.CopyTo(array, 0);
                return array;
            }

            var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType);
            return descriptor is null ? null : Resolve(descriptor);
        }

        private object Resolve(ServiceDescriptor descriptor)
        {
            if (!_instances.TryGetValue(descriptor, out var instance))
            {
                instance = descriptor.ImplementationInstance
                           ?? descriptor.ImplementationFactory?.Invoke(this)
                           ?? Activator.CreateInstance(descriptor.ImplementationType!)!;
                _instances[descriptor] = instance;
            }

            return instance;
        }

        public void Dispose()
        {
            foreach (var disposable in _instances.Values.OfType<IDisposable>().Distinct())
            {
                disposable.Dispose();
            }
        }
    }
}
