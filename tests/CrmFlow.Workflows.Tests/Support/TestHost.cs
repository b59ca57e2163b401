using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Serialization;
using Microsoft.Extensions.Time.Testing;

namespace CrmFlow.Workflows.Tests.Support;

/// <summary>Collects WriteLine output in order.</summary>
public sealed class CapturingOutput : IStandardOutput
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void WriteLine(string text)
    {
        lock (_lines)
        {
            _lines.Add(text);
        }
    }
}

/// <summary>A minimal service provider over a dictionary (the engine needs no container).</summary>
public sealed class TestServices : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public TestServices Add<T>(T service)
        where T : class
    {
        _services[typeof(T)] = service;
        return this;
    }

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);
}

/// <summary>A fresh engine per test: registry, store, captured output, fake clock and runner.</summary>
public sealed class TestHost
{
    public TestHost(WorkflowManagementOptions? management = null)
    {
        Registry = ActivityRegistry.CreateDefault();
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        Engine = new WorkflowEngine(Registry, TestEvaluators.All(), Time);
        Store = new InMemoryWorkflowDefinitionStore(Registry, management);
        Services = new TestServices().Add<IStandardOutput>(Output).Add<IWorkflowDefinitionProvider>(Store).Add<TimeProvider>(Time);
        Runner = new WorkflowRunner(Engine, Services);
    }

    public ActivityRegistry Registry { get; }

    public FakeTimeProvider Time { get; }

    public WorkflowEngine Engine { get; }

    public InMemoryWorkflowDefinitionStore Store { get; }

    public CapturingOutput Output { get; } = new();

    public TestServices Services { get; }

    public WorkflowRunner Runner { get; }

    public IReadOnlyList<string> Lines => Output.Lines;

    public static WorkflowDefinition Load(string scenario, string file) => WorkflowDefinitionSerializer.Parse(ConformanceFiles.Read(scenario, file));

    /// <summary>Import + publish (Elsa's integration-test helper); throws when publishing fails.</summary>
    public WorkflowDefinition ImportAndPublish(string scenario, string file)
    {
        var result = Store.ImportAndPublish(Load(scenario, file));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Definition;
    }

    /// <summary>Provide as-is (Elsa's file providers).</summary>
    public WorkflowDefinition Provide(string scenario, string file)
    {
        var definition = Load(scenario, file);
        Store.Provide(definition);
        return definition;
    }

    public async Task<WorkflowDefinition> PublishedAsync(string definitionId) =>
        await Store.FindPublishedAsync(definitionId) ?? throw new KeyNotFoundException(definitionId);

    /// <summary>
    /// Elsa's run-to-end driver: start the published definition, then while not finished resume every bookmark
    /// (passing the same input) until finished or no bookmarks are left.
    /// </summary>
    public async Task<RunWorkflowResult> RunToEndAsync(WorkflowDefinition definition, IDictionary<string, object?>? input = null, bool tokenMode = false)
    {
        var options = new RunWorkflowOptions
        {
            Input = input,
            Properties = tokenMode ? new Dictionary<string, object?> { [WorkflowProperties.FlowchartExecutionMode] = "TokenBased" } : null,
        };
        var result = await Runner.RunAsync(definition, options, TestContext.Current.CancellationToken);
        var guard = 0;
        while (result.Status != WorkflowStatus.Finished && result.Bookmarks.Count > 0 && guard++ < 1000)
        {
            foreach (var bookmark in result.Bookmarks.ToList())
            {
                if (result.State.Bookmarks.Any(b => b.Id == bookmark.Id))
                {
                    result = await Runner.ResumeAsync(definition, result.State, bookmark.Id, input, TestContext.Current.CancellationToken);
                }
            }
        }

        return result;
    }
}
