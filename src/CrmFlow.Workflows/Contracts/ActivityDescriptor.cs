using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CrmFlow.Workflows.Activities;

namespace CrmFlow.Workflows.Contracts;

/// <summary>An activity type as Studio sees it (elsa-studio-api.md §5.5); serialise with camelCase.</summary>
public sealed class ActivityDescriptor
{
    public required string TypeName { get; init; }

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public int Version { get; init; } = 1;

    public string Category { get; init; } = "Miscellaneous";

    public string DisplayName { get; init; } = string.Empty;

    public string? Description { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
    public ActivityKind Kind { get; init; } = ActivityKind.Action;

    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];

    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];

    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];

    public bool IsContainer { get; init; }

    public bool IsBrowsable { get; init; } = true;

    public bool IsStart { get; init; }

    public bool IsTerminal { get; init; }

    public bool RunAsynchronously { get; init; }

    public JsonObject CustomProperties { get; init; } = [];

    public JsonObject ConstructionProperties { get; init; } = [];

    /// <summary>Flow outcomes (names of the Flow ports).</summary>
    [JsonIgnore]
    public IEnumerable<string> Outcomes => Ports.Where(p => p.Type == PortType.Flow).Select(p => p.Name);

    /// <summary>Creates an unbound activity instance.</summary>
    [JsonIgnore]
    public Func<ActivityBase> Factory { get; init; } = () => throw new InvalidOperationException("This descriptor has no factory.");

    /// <summary>The CLR type implementing the activity.</summary>
    [JsonIgnore]
    public Type? ClrType { get; init; }

    /// <summary>For workflow-as-activity types: the definition it runs.</summary>
    [JsonIgnore]
    public Model.WorkflowDefinition? WorkflowDefinition { get; init; }
}

public sealed class InputDescriptor
{
    public required string Name { get; init; }

    public string TypeName { get; init; } = "Object";

    public string DisplayName { get; init; } = string.Empty;

    public string? Description { get; init; }

    public string? Category { get; init; }

    public float Order { get; init; }

    public bool IsWrapped { get; init; } = true;

    public string UIHint { get; init; } = "singleline";

    public JsonNode? DefaultValue { get; init; }

    public string DefaultSyntax { get; init; } = "Literal";

    public bool IsReadOnly { get; init; }

    public bool IsBrowsable { get; init; } = true;

    public bool IsSensitive { get; init; }

    public bool IsSynthetic { get; init; }

    public bool IsSerializable { get; init; } = true;

    public bool AutoEvaluate { get; init; } = true;

    public string? StorageDriverType { get; init; }

    public JsonObject? UISpecifications { get; init; }

    /// <summary>The <see cref="IInputOptionsProvider"/> whose options replace <see cref="UISpecifications"/> when served.</summary>
    [JsonIgnore]
    public Type? OptionsProvider { get; init; }

    [JsonIgnore]
    public Type ClrType { get; init; } = typeof(object);

    /// <summary>The default as a CLR value (used when the node does not set the input).</summary>
    [JsonIgnore]
    public object? DefaultClrValue { get; init; }
}

public sealed class OutputDescriptor
{
    public required string Name { get; init; }

    public string TypeName { get; init; } = "Object";

    public string DisplayName { get; init; } = string.Empty;

    public string? Description { get; init; }

    public float Order { get; init; }

    public bool IsBrowsable { get; init; } = true;

    public bool IsSerializable { get; init; } = true;

    public bool IsSynthetic { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<PortType>))]
public enum PortType
{
    Flow,
    Embedded,
}

public sealed record PortDescriptor(string Name, string DisplayName, PortType Type, bool IsBrowsable = true);
