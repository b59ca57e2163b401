using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Model;

/// <summary>
/// One activity of a definition, backed by its JSON object so that every property the engine does not
/// understand (designer metadata, unknown inputs, custom properties) survives a round trip.
/// Child activities (flowchart/sequence <c>activities</c>, <c>body</c>, <c>then</c>, <c>branches</c>…) are
/// discovered structurally: any object with string <c>type</c> and <c>id</c> is an activity.
/// </summary>
public sealed class ActivityNode
{
    private static readonly HashSet<string> CommonProperties = new(StringComparer.Ordinal)
    {
        "id", "nodeId", "name", "type", "version", "customProperties", "metadata", "activities", "connections",
        "start", "variables", "canStartWorkflow", "runAsynchronously", "source", "workflowDefinitionId",
        "workflowDefinitionVersionId", "latestAvailablePublishedVersion", "latestAvailablePublishedVersionId",
    };

    private List<ActivityNode>? _activities;
    private List<Connection>? _connections;
    private ConcurrentDictionary<string, ActivityNode?>? _singleChildren;
    private ConcurrentDictionary<string, IReadOnlyList<ActivityNode>>? _childLists;
    private ConcurrentDictionary<string, InputValue?>? _inputs;
    private ConcurrentDictionary<string, IReadOnlyList<ActivityNode?>>? _caseLists;

    public ActivityNode(JsonObject json, ActivityNode? parent = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
        Parent = parent;
    }

    /// <summary>The backing JSON (mutations are reflected on serialisation).</summary>
    public JsonObject Json { get; }

    public ActivityNode? Parent { get; }

    public string Id => Json.GetString("id") ?? string.Empty;

    public string Type => Json.GetString("type") ?? string.Empty;

    public int Version => Json.GetInt("version") ?? 1;

    public string? Name => Json.GetString("name");

    public string? NodeId => Json.GetString("nodeId");

    public JsonObject? CustomProperties => Json.GetObject("customProperties");

    public JsonObject? Metadata => Json.GetObject("metadata");

    /// <summary>The workflow definition id a workflow-as-activity node points at.</summary>
    public string? WorkflowDefinitionId => Json.GetObject("workflowDefinitionId") is null ? Json.GetString("workflowDefinitionId") : null;

    public string? WorkflowDefinitionVersionId => Json.GetString("workflowDefinitionVersionId");

    public bool CanStartWorkflow => CustomProperties?.GetBool("canStartWorkflow") ?? false;

    /// <summary>Token-mode merge mode from <c>customProperties.mergeMode</c>, if set.</summary>
    public string? MergeMode => CustomProperties?.GetString("mergeMode");

    /// <summary>The flowchart's explicit start activity id (<c>start</c> as id string or as activity object).</summary>
    public string? StartId => Json.TryGetPropertyValue("start", out var start)
        ? start switch
        {
            JsonObject o => o.GetString("id"),
            _ => JsonAccess.AsString(start),
        }
        : null;

    /// <summary>Children listed under <c>activities</c> (Flowchart, Sequence, Parallel…).</summary>
    public IReadOnlyList<ActivityNode> Activities => _activities ??= ReadList("activities");

    /// <summary>Flowchart connections (normalised to the nested shape on import).</summary>
    public IReadOnlyList<Connection> Connections => _connections ??= ReadConnections();

    /// <summary>A single embedded child such as <c>body</c>, <c>then</c>, <c>else</c>.</summary>
    public ActivityNode? GetChild(string propertyName)
    {
        _singleChildren ??= new ConcurrentDictionary<string, ActivityNode?>(StringComparer.Ordinal);
        return _singleChildren.GetOrAdd(propertyName, name => Json.GetIgnoreCase(name) is JsonObject o && IsActivityObject(o) ? new ActivityNode(o, this) : null);
    }

    /// <summary>An embedded list of children such as Fork's <c>branches</c>.</summary>
    public IReadOnlyList<ActivityNode> GetChildList(string propertyName)
    {
        _childLists ??= new ConcurrentDictionary<string, IReadOnlyList<ActivityNode>>(StringComparer.Ordinal);
        return _childLists.GetOrAdd(propertyName, ReadList);
    }

    /// <summary>
    /// For arrays of case objects holding an <c>activity</c> (Switch <c>cases</c>, SendHttpRequest
    /// <c>expectedStatusCodes</c>): the activity of each item, aligned with the array, null where none.
    /// </summary>
    public IReadOnlyList<ActivityNode?> GetCaseActivities(string propertyName)
    {
        _caseLists ??= new ConcurrentDictionary<string, IReadOnlyList<ActivityNode?>>(StringComparer.Ordinal);
        return _caseLists.GetOrAdd(propertyName, name =>
            Json.GetIgnoreCase(name) is JsonArray arr
                ? arr.Select(item => item is JsonObject c && c["activity"] is JsonObject a && IsActivityObject(a) ? new ActivityNode(a, this) : null).ToList()
                : []);
    }

    /// <summary>Every activity nested in this one (all embedded properties and lists), depth first.</summary>
    public IEnumerable<ActivityNode> Children()
    {
        foreach (var (key, value) in Json)
        {
            if (key == "activities")
            {
                foreach (var a in Activities)
                {
                    yield return a;
                }
            }
            else if (value is JsonObject o && IsActivityObject(o) && key != "start")
            {
                var child = GetChild(key);
                if (child != null)
                {
                    yield return child;
                }
            }
            else if (value is JsonArray arr && arr.Count > 0 && arr[0] is JsonObject first && IsActivityObject(first))
            {
                foreach (var c in GetChildList(key))
                {
                    yield return c;
                }
            }
            else if (value is JsonArray cases && cases.Any(i => i is JsonObject c && c["activity"] is JsonObject a && IsActivityObject(a)))
            {
                foreach (var c in GetCaseActivities(key))
                {
                    if (c != null)
                    {
                        yield return c;
                    }
                }
            }
        }
    }

    public IEnumerable<ActivityNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children())
        {
            foreach (var d in child.DescendantsAndSelf())
            {
                yield return d;
            }
        }
    }

    /// <summary>Reads the input stored under the camelCase name (wrapped or raw); cached per name.</summary>
    public InputValue? GetInput(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _inputs ??= new ConcurrentDictionary<string, InputValue?>(StringComparer.OrdinalIgnoreCase);
        return _inputs.GetOrAdd(name, ReadInput);
    }

    private InputValue? ReadInput(string name)
    {
        var node = Json.GetIgnoreCase(JsonAccess.ToCamelCase(name));
        if (node is null)
        {
            return null;
        }

        if (node is JsonObject o && (o.ContainsKey("expression") || o.ContainsKey("typeName")) && !IsActivityObject(o))
        {
            ExpressionModel? expression = null;
            if (o.GetObject("expression") is { } e)
            {
                e.TryGetPropertyValue("value", out var value);
                expression = new ExpressionModel(e.GetString("type") ?? "Literal", value);
            }

            return new InputValue(o.GetString("typeName"), expression, o.GetObject("memoryReference")?.GetString("id"), node, IsWrapped: true);
        }

        return new InputValue(null, null, null, node, IsWrapped: false);
    }

    /// <summary>The memory reference id an output is bound to (<c>"result": {"memoryReference": {"id": "X"}}</c>).</summary>
    public string? GetOutputTarget(string name)
    {
        var node = Json.GetIgnoreCase(JsonAccess.ToCamelCase(name)) as JsonObject;
        return node?.GetObject("memoryReference")?.GetString("id");
    }

    /// <summary>Property names that look like inputs (not common activity properties).</summary>
    public IEnumerable<string> PropertyNames => Json.Select(p => p.Key).Where(k => !CommonProperties.Contains(k));

    internal void ResetCaches()
    {
        _activities = null;
        _connections = null;
        _inputs = null;
        _caseLists = null;
        _singleChildren = null;
        _childLists = null;
    }

    public override string ToString() => $"{Type} {Id}";

    internal static bool IsActivityObject(JsonObject o) =>
        o.TryGetPropertyValue("type", out var t) && t is JsonValue tv && tv.GetValueKind() == JsonValueKind.String &&
        o.TryGetPropertyValue("id", out var i) && i is JsonValue iv && iv.GetValueKind() == JsonValueKind.String;

    private List<ActivityNode> ReadList(string propertyName)
    {
        var list = new List<ActivityNode>();
        if (Json.GetIgnoreCase(propertyName) is JsonArray arr)
        {
            foreach (var item in arr)
            {
                if (item is JsonObject o && IsActivityObject(o))
                {
                    list.Add(new ActivityNode(o, this));
                }
            }
        }

        return list;
    }

    private List<Connection> ReadConnections()
    {
        var list = new List<Connection>();
        if (Json.GetArray("connections") is { } arr)
        {
            foreach (var item in arr)
            {
                if (item is JsonObject o && Connection.TryRead(o, out var c))
                {
                    list.Add(c);
                }
            }
        }

        return list;
    }
}

/// <summary>An input as stored on an activity node.</summary>
/// <param name="TypeName">The declared type alias (a hint only).</param>
/// <param name="Expression">The expression, for wrapped inputs; null when the input has no expression.</param>
/// <param name="MemoryReferenceId">The memory reference id (informational).</param>
/// <param name="Raw">The raw JSON (for non-wrapped inputs such as SetVariable's <c>variable</c>).</param>
/// <param name="IsWrapped">True when the value is <c>{typeName, expression}</c>.</param>
public sealed record InputValue(string? TypeName, ExpressionModel? Expression, string? MemoryReferenceId, JsonNode Raw, bool IsWrapped);

/// <summary>A flowchart connection between two activity ports.</summary>
public sealed record Connection(string SourceId, string SourcePort, string TargetId, string TargetPort)
{
    /// <summary>Reads both the nested shape and Elsa 3.0's flat shape.</summary>
    public static bool TryRead(JsonObject o, out Connection connection)
    {
        ArgumentNullException.ThrowIfNull(o);
        string? sourceId, sourcePort, targetId, targetPort;
        if (o.GetObject("source") is { } src)
        {
            sourceId = src.GetString("activity");
            sourcePort = src.GetString("port");
        }
        else
        {
            sourceId = o.GetString("source");
            sourcePort = o.GetString("sourcePort");
        }

        if (o.GetObject("target") is { } tgt)
        {
            targetId = tgt.GetString("activity");
            targetPort = tgt.GetString("port");
        }
        else
        {
            targetId = o.GetString("target");
            targetPort = o.GetString("targetPort");
        }

        connection = new Connection(sourceId ?? string.Empty, sourcePort ?? "Done", targetId ?? string.Empty, targetPort ?? "In");
        return sourceId != null && targetId != null;
    }

    /// <summary>True when the JSON uses the old flat shape.</summary>
    public static bool IsFlatShape(JsonObject o) =>
        o?["source"] is JsonValue || o?["target"] is JsonValue;

    /// <summary>A stable text key (<c>source:port->target:port</c>), computed once.</summary>
    public string Key { get; } = $"{SourceId}:{SourcePort}->{TargetId}:{TargetPort}";

    public override string ToString() => Key;
}
