using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Serialization;

namespace CrmFlow.Benchmarks;

/// <summary>
/// One run of a ten-activity flowchart (a chain of WriteLines) to completion, on a warm engine:
/// literal inputs, and the same with a JavaScript expression per activity. Target for the literal one:
/// at most 50 µs and 40 KB per run.
/// </summary>
[MemoryDiagnoser]
public class FlowchartBenchmarks
{
    private WorkflowRunner _runner = default!;
    private WorkflowDefinition _literal = default!;
    private WorkflowDefinition _javaScript = default!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new WorkflowEngine(ActivityRegistry.CreateDefault(), WorkflowExpressions.CreateEvaluators());
        _runner = new WorkflowRunner(engine, new Services());
        _literal = Build(i => new JsonObject { ["type"] = "Literal", ["value"] = $"Line {i}" });
        _javaScript = Build(i => new JsonObject { ["type"] = "JavaScript", ["value"] = $"`Line ${{{i} + 1}}`" });
    }

    [Benchmark(Baseline = true)]
    public ValueTask<RunWorkflowResult> TenLiteralActivities() => _runner.RunAsync(_literal);

    [Benchmark]
    public ValueTask<RunWorkflowResult> TenJavaScriptActivities() => _runner.RunAsync(_javaScript);

    private static WorkflowDefinition Build(Func<int, JsonObject> expression)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 1; i <= 10; i++)
        {
            activities.Add(new JsonObject
            {
                ["id"] = $"w{i}",
                ["type"] = "Elsa.WriteLine",
                ["version"] = 1,
                ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = expression(i) },
            });
            if (i > 1)
            {
                connections.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = $"w{i - 1}", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = $"w{i}", ["port"] = "In" },
                });
            }
        }

        return WorkflowDefinitionSerializer.FromJsonObject(new JsonObject
        {
            ["id"] = "bench-v1",
            ["definitionId"] = "bench",
            ["version"] = 1,
            ["root"] = new JsonObject { ["id"] = "f", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["activities"] = activities, ["connections"] = connections },
        });
    }

    /// <summary>WriteLine goes nowhere, so the figures measure the engine, not the console.</summary>
    private sealed class Services : IServiceProvider, IStandardOutput
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IStandardOutput) ? this : null;

        public void WriteLine(string text)
        {
        }
    }
}
