using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Serialization;
using CrmFlow.Workflows.Tests.Support;

namespace CrmFlow.Workflows.Tests.Conformance;

/// <summary>Every conformance file uses only registered activity types and real ports (within its scenario).</summary>
public class DefinitionValidityTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(ConformanceFiles.WorkflowsFolder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_files_use_only_registered_types_and_real_ports(string scenario)
    {
        var host = new TestHost();
        var definitions = Directory.EnumerateFiles(Path.Combine(ConformanceFiles.WorkflowsFolder, scenario), "*.json")
            .Select(f => WorkflowDefinitionSerializer.Parse(File.ReadAllText(f))).ToList();
        foreach (var d in definitions.Where(d => d.Options.UsableAsActivity))
        {
            host.Registry.RegisterWorkflowAsActivity(d);
        }

        foreach (var definition in definitions)
        {
            Assert.Empty(WorkflowDefinitionValidator.FindUnknownActivities(definition, host.Registry));
            Assert.Empty(WorkflowDefinitionValidator.FindInvalidConnections(definition, host.Registry));
        }
    }

    [Fact]
    public void A_connection_from_a_port_the_activity_does_not_have_is_reported()
    {
        var host = new TestHost();
        var definition = Wf.Definition(Wf.Flowchart("f", [Wf.WriteLine("a", "A"), Wf.WriteLine("b", "B")], ("a", "Nope", "b"), ("a", "Done", "ghost")));

        var errors = WorkflowDefinitionValidator.FindInvalidConnections(definition, host.Registry);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.ActivityId == "a" && e.Message.Contains("'Nope'", StringComparison.Ordinal));
    }
}
