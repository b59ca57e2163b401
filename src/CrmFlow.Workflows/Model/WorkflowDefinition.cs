using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Model;

/// <summary>
/// An Elsa 3 workflow definition, backed by its JSON document. Typed accessors read the document;
/// everything else (links, tenantId, <c>$schema</c>, Studio custom properties) is kept verbatim.
/// </summary>
public sealed class WorkflowDefinition
{
    private ActivityNode? _root;

    public WorkflowDefinition(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
        Variables = ReadList(json, "variables", VariableDefinition.Read);
        Inputs = ReadList(json, "inputs", InputDefinition.Read);
        Outputs = ReadList(json, "outputs", OutputDefinition.Read);
        Outcomes = json.GetArray("outcomes")?.Select(JsonAccess.AsString).OfType<string>().ToList() ?? [];
        Options = WorkflowOptions.Read(json);
    }

    public JsonObject Json { get; }

    /// <summary>The version id (unique per version).</summary>
    public string? Id
    {
        get => Json.GetString("id");
        set => Json.SetOrRemove("id", value);
    }

    public string? DefinitionId
    {
        get => Json.GetString("definitionId");
        set => Json.SetOrRemove("definitionId", value);
    }

    public string? Name
    {
        get => Json.GetString("name");
        set => Json.SetOrRemove("name", value);
    }

    public string? Description => Json.GetString("description");

    public DateTimeOffset? CreatedAt => Json.GetDateTimeOffset("createdAt");

    public int Version
    {
        get => Json.GetInt("version") ?? 1;
        set => Json["version"] = value;
    }

    public string? ToolVersion => Json.GetString("toolVersion");

    public bool IsLatest
    {
        get => Json.GetBool("isLatest") ?? false;
        set => Json["isLatest"] = value;
    }

    public bool IsPublished
    {
        get => Json.GetBool("isPublished") ?? false;
        set => Json["isPublished"] = value;
    }

    public bool IsReadonly => Json.GetBool("isReadonly") ?? false;

    public bool IsSystem => Json.GetBool("isSystem") ?? false;

    public string? MaterializerName => Json.GetString("materializerName");

    public string? ProviderName => Json.GetString("providerName");

    public IReadOnlyList<VariableDefinition> Variables { get; }

    public IReadOnlyList<InputDefinition> Inputs { get; }

    public IReadOnlyList<OutputDefinition> Outputs { get; }

    public IReadOnlyList<string> Outcomes { get; }

    public WorkflowOptions Options { get; }

    public JsonObject? CustomProperties => Json.GetObject("customProperties");

    public JsonObject? Metadata => Json.GetObject("metadata");

    /// <summary>The root activity (usually an <c>Elsa.Flowchart</c>); null when the file has none.</summary>
    public ActivityNode? Root => _root ??= Json.GetObject("root") is { } r ? new ActivityNode(r) : null;

    /// <summary>Every activity of the definition, root first (not descending into other definitions).</summary>
    public IEnumerable<ActivityNode> AllActivities => Root?.DescendantsAndSelf() ?? [];

    /// <summary>A short identity for messages: <c>definitionId v3</c>.</summary>
    public string DisplayIdentity => string.Create(CultureInfo.InvariantCulture, $"{DefinitionId ?? Id ?? Name} v{Version}");

    internal void ResetRoot() => _root = null;

    private static List<T> ReadList<T>(JsonObject json, string name, Func<JsonObject, T> read) =>
        json.GetArray(name)?.OfType<JsonObject>().Select(read).ToList() ?? [];
}

/// <summary>A workflow variable: <c>{id, name, typeName, isArray, value, storageDriverTypeName}</c>.</summary>
public sealed record VariableDefinition(string Id, string Name, string? TypeName, bool IsArray, JsonNode? Value, string? StorageDriverTypeName)
{
    internal static VariableDefinition Read(JsonObject o)
    {
        var id = o.GetString("id") ?? o.GetString("name") ?? string.Empty;
        o.TryGetPropertyValue("value", out var value);
        return new VariableDefinition(id, o.GetString("name") ?? id, o.GetString("typeName"), o.GetBool("isArray") ?? false,
            value?.DeepClone(), o.GetString("storageDriverTypeName") ?? o.GetString("storageDriverType"));
    }
}

/// <summary>A workflow input definition.</summary>
public sealed record InputDefinition(string Name, string? Type, bool IsArray, string? DisplayName, string? Description, string? Category, string? UIHint)
{
    internal static InputDefinition Read(JsonObject o) =>
        new(o.GetString("name") ?? string.Empty, o.GetString("type") ?? o.GetString("typeName"), o.GetBool("isArray") ?? false,
            o.GetString("displayName"), o.GetString("description"), o.GetString("category"), o.GetString("uiHint"));
}

/// <summary>A workflow output definition.</summary>
public sealed record OutputDefinition(string Name, string? Type, bool IsArray, string? DisplayName, string? Description, string? Category)
{
    internal static OutputDefinition Read(JsonObject o) =>
        new(o.GetString("name") ?? string.Empty, o.GetString("type") ?? o.GetString("typeName"), o.GetBool("isArray") ?? false,
            o.GetString("displayName"), o.GetString("description"), o.GetString("category"));
}

/// <summary>How a faulted activity affects the workflow (<c>options.incidentStrategyType</c>).</summary>
public enum IncidentStrategy
{
    /// <summary>Elsa's default: the workflow faults.</summary>
    FaultStrategy,

    /// <summary>The workflow keeps running other branches; incidents are recorded.</summary>
    ContinueWithIncidentsStrategy,
}

/// <summary>The definition's <c>options</c> (plus the legacy top-level <c>usableAsActivity</c>).</summary>
public sealed record WorkflowOptions(
    bool UsableAsActivity,
    string? ActivationStrategyType,
    string? IncidentStrategyType,
    string? ActivityCategory,
    bool AutoUpdateConsumingWorkflows,
    string? CommitStrategyName)
{
    public IncidentStrategy IncidentStrategy =>
        IncidentStrategyType != null && IncidentStrategyType.Contains("Continue", StringComparison.OrdinalIgnoreCase)
            ? IncidentStrategy.ContinueWithIncidentsStrategy
            : IncidentStrategy.FaultStrategy;

    internal static WorkflowOptions Read(JsonObject definition)
    {
        var o = definition.GetObject("options") ?? [];
        var usable = o.GetBool("usableAsActivity") ?? definition.GetBool("usableAsActivity") ?? false;
        return new WorkflowOptions(usable, o.GetString("activationStrategyType"), o.GetString("incidentStrategyType"),
            o.GetString("activityCategory"), o.GetBool("autoUpdateConsumingWorkflows") ?? false, o.GetString("commitStrategyName"));
    }
}
