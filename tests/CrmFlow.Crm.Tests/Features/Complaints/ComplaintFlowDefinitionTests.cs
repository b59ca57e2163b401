using System.Reflection;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CrmFlow.Crm.Tests.Features.Complaints;

/// <summary>The CRM's activities are registered, and <c>workflows/complaint-handling.json</c> uses only known types and real ports.</summary>
public class ComplaintFlowDefinitionTests
{
    private static ActivityRegistry Registry(out IReadOnlyList<Type> registered)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:CrmFlow"] = "Data Source=unused.db" });
        builder.AddCrm();
        registered = [.. builder.Services.GetActivityRegistrations().Select(r => r.ActivityType)];
        var registry = ActivityRegistry.CreateDefault();
        foreach (var type in registered)
        {
            registry.Register(type);
        }

        return registry;
    }

    [Fact]
    public void Every_activity_class_of_the_crm_module_is_registered()
    {
        Registry(out var registered);
        var declared = typeof(CrmModule).Assembly.GetTypes().Where(t => t.GetCustomAttribute<ActivityAttribute>() is not null).ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, t => Assert.Contains(t, registered));
    }

    [Fact]
    public void The_complaint_flow_uses_only_registered_activities_and_their_ports()
    {
        var registry = Registry(out _);
        var path = RepositoryFile("workflows", "complaint-handling.json");
        var definition = WorkflowDefinitionSerializer.Parse(File.ReadAllText(path));
        var root = JsonNode.Parse(File.ReadAllText(path))!["root"]!;
        var nodes = root["activities"]!.AsArray().Select(a => a!.AsObject()).ToDictionary(a => a["id"]!.ToString(), a => a);

        Assert.Equal("complaint-handling", definition.DefinitionId);
        foreach (var (id, node) in nodes)
        {
            var descriptor = registry.Find(node["type"]!.ToString(), node["version"]!.GetValue<int>());
            Assert.True(descriptor is not null, $"{id}: unknown type {node["type"]}");
            Assert.NotNull(node["metadata"]?["designer"]?["position"]);
        }

        foreach (var connection in root["connections"]!.AsArray())
        {
            var source = connection!["source"]!["activity"]!.ToString();
            var port = connection["source"]!["port"]!.ToString();
            var node = nodes[source];
            var descriptor = registry.Find(node["type"]!.ToString(), 1)!;
            var dynamicOutcomes = node["outcomes"]?["expression"]?["value"]?.ToString() ?? "[]";
            Assert.True(descriptor.Outcomes.Contains(port) || dynamicOutcomes.Contains($"\"{port}\"", StringComparison.Ordinal), $"{source} has no port {port}");
            Assert.True(nodes.ContainsKey(connection["target"]!["activity"]!.ToString()));
        }
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(string.Join('/', parts));
    }
}
