using System.Globalization;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Contracts;

/// <summary>Names and descriptors for workflow definitions used as activities.</summary>
public static class WorkflowActivityNames
{
    /// <summary>
    /// Humanizer's Pascal-casing as Elsa applies it to a definition name: split on spaces and underscores,
    /// capitalise each word's first letter, join ("Subworkflow test" → SubworkflowTest).
    /// </summary>
    public static string Pascalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
    }

    public static string TypeNameOf(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Pascalize(definition.Name ?? definition.DefinitionId ?? "Workflow");
    }

    public static ActivityDescriptor Describe(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var typeName = TypeNameOf(definition);
        var ports = definition.Outcomes.Count > 0
            ? definition.Outcomes.Select(o => new PortDescriptor(o, o, PortType.Flow)).ToList()
            : [new PortDescriptor(Outcomes.Done, Outcomes.Done, PortType.Flow)];
        return new ActivityDescriptor
        {
            TypeName = typeName,
            Namespace = string.Empty,
            Name = typeName,
            Version = definition.Version,
            Category = definition.Options.ActivityCategory ?? "Workflows",
            DisplayName = definition.Name ?? typeName,
            Description = definition.Description,
            Kind = ActivityKind.Action,
            Inputs = definition.Inputs.Select((i, n) => new InputDescriptor
            {
                Name = i.Name,
                TypeName = i.Type ?? "Object",
                DisplayName = i.DisplayName ?? i.Name,
                Description = i.Description,
                Category = i.Category,
                Order = n,
                UIHint = i.UIHint ?? "singleline",
                ClrType = TypeAliases.Resolve(i.Type, i.IsArray),
            }).ToList(),
            Outputs = definition.Outputs.Select((o, n) => new OutputDescriptor
            {
                Name = o.Name,
                TypeName = o.Type ?? "Object",
                DisplayName = o.DisplayName ?? o.Name,
                Description = o.Description,
                Order = n,
            }).ToList(),
            Ports = ports,
            CustomProperties = new JsonObject
            {
                ["RootType"] = "WorkflowDefinitionActivity",
                ["WorkflowDefinitionId"] = definition.DefinitionId,
                ["WorkflowDefinitionVersionId"] = definition.Id,
            },
            Factory = () => new WorkflowDefinitionActivity(),
            WorkflowDefinition = definition,
        };
    }
}
