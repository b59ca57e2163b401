using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Contracts;

/// <summary>Registration of one activity class (added by <c>services.AddActivity&lt;T&gt;()</c>).</summary>
public sealed record ActivityRegistration(Type ActivityType);

/// <summary>
/// Activity descriptors by (type name, version): built-in and registered classes plus workflow definitions
/// usable as activities. Thread-safe; workflow-as-activity types can be added while running.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string TypeName, int Version), ActivityDescriptor> _descriptors = [];

    public ActivityRegistry(IEnumerable<ActivityRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var r in registrations)
        {
            Register(r.ActivityType);
        }
    }

    /// <summary>A registry with every built-in activity.</summary>
    public static ActivityRegistry CreateDefault() => new(BuiltInActivities.Types.Select(t => new ActivityRegistration(t)));

    public IReadOnlyList<ActivityDescriptor> List()
    {
        lock (_gate)
        {
            return [.. _descriptors.Values.OrderBy(d => d.TypeName, StringComparer.Ordinal).ThenBy(d => d.Version)];
        }
    }

    public ActivityDescriptor Register(Type activityType)
    {
        var descriptor = ActivityDescriber.Describe(activityType);
        Add(descriptor);
        return descriptor;
    }

    public void Add(ActivityDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (_gate)
        {
            _descriptors[(descriptor.TypeName, descriptor.Version)] = descriptor;
        }
    }

    public bool IsKnown(string typeName, int version) => Find(typeName, version) != null || FindLatest(typeName) != null;

    public ActivityDescriptor? Find(string typeName, int version)
    {
        lock (_gate)
        {
            return _descriptors.GetValueOrDefault((typeName, version));
        }
    }

    public ActivityDescriptor? FindLatest(string typeName)
    {
        lock (_gate)
        {
            ActivityDescriptor? best = null;
            foreach (var ((name, _), d) in _descriptors)
            {
                if (name == typeName && (best == null || d.Version > best.Version))
                {
                    best = d;
                }
            }

            return best;
        }
    }

    /// <summary>
    /// Resolves a node: type + version, then the newest version of the type, then a workflow-as-activity whose
    /// version id matches the node's <c>workflowDefinitionVersionId</c>, then one whose definition id matches
    /// <c>workflowDefinitionId</c>.
    /// </summary>
    public ActivityDescriptor? Resolve(ActivityNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var exact = Find(node.Type, node.Version);
        if (exact != null)
        {
            return exact;
        }

        var latest = FindLatest(node.Type);
        if (latest != null)
        {
            if (latest.WorkflowDefinition != null && node.WorkflowDefinitionVersionId is { } versionId)
            {
                return FindWorkflowActivity(d => d.Id == versionId && d.Name != null && WorkflowActivityNames.TypeNameOf(d) == node.Type) ?? latest;
            }

            return latest;
        }

        if (node.WorkflowDefinitionVersionId is { } vId && FindWorkflowActivity(d => d.Id == vId) is { } byVersion)
        {
            return byVersion;
        }

        return node.WorkflowDefinitionId is { } defId ? FindWorkflowActivity(d => d.DefinitionId == defId, newest: true) : null;
    }

    /// <summary>Registers a definition with <c>usableAsActivity</c> as an activity type (Pascal-cased name, definition version).</summary>
    public ActivityDescriptor RegisterWorkflowAsActivity(WorkflowDefinition definition)
    {
        var descriptor = WorkflowActivityNames.Describe(definition);
        Add(descriptor);
        return descriptor;
    }

    /// <summary>Finds the definition a workflow-as-activity graph key refers to.</summary>
    public WorkflowDefinition? FindWorkflowDefinition(string graphKey) =>
        FindWorkflowActivity(d => WorkflowGraph.KeyOf(d) == graphKey)?.WorkflowDefinition;

    private ActivityDescriptor? FindWorkflowActivity(Func<WorkflowDefinition, bool> predicate, bool newest = false)
    {
        lock (_gate)
        {
            var matches = _descriptors.Values.Where(d => d.WorkflowDefinition != null && predicate(d.WorkflowDefinition));
            return newest ? matches.MaxBy(d => d.Version) : matches.FirstOrDefault();
        }
    }
}

/// <summary>Builds descriptors from <see cref="ActivityAttribute"/> and input/output properties.</summary>
public static class ActivityDescriber
{
    public static ActivityDescriptor Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attr = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [Activity] attribute.", nameof(type));
        if (!typeof(ActivityBase).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) == null)
        {
            throw new ArgumentException($"{type.Name} must derive from ActivityBase and have a public parameterless constructor.", nameof(type));
        }

        var inputs = new List<InputDescriptor>();
        var outputs = new List<OutputDescriptor>();
        var order = 0f;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.PropertyType.IsGenericType)
            {
                continue;
            }

            var generic = p.PropertyType.GetGenericTypeDefinition();
            var valueType = p.PropertyType.GetGenericArguments()[0];
            if (generic == typeof(Input<>))
            {
                var ia = p.GetCustomAttribute<InputAttribute>() ?? new InputAttribute();
                if (ia.OptionsProvider is { } optionsProvider && !typeof(IInputOptionsProvider).IsAssignableFrom(optionsProvider))
                {
                    throw new ArgumentException($"{type.Name}.{p.Name}: {optionsProvider.Name} does not implement {nameof(IInputOptionsProvider)}.", nameof(type));
                }

                inputs.Add(new InputDescriptor
                {
                    Name = p.Name,
                    TypeName = TypeAliases.GetAlias(valueType),
                    DisplayName = ia.DisplayName ?? Humanize(p.Name),
                    Description = ia.Description,
                    Category = ia.Category,
                    Order = ia.Order != 0 ? ia.Order : order++,
                    IsWrapped = ia.IsWrapped,
                    UIHint = ia.UIHint ?? (ia.OptionsProvider is null ? DefaultUIHint(valueType) : "dropdown"),
                    DefaultValue = ia.DefaultValue is null ? null : JsonSerializer.SerializeToNode(ia.DefaultValue is Enum e ? e.ToString() : ia.DefaultValue),
                    DefaultClrValue = ia.DefaultValue is null ? null : EngineValueConverter.ConvertTo(ia.DefaultValue is Enum en ? en.ToString() : ia.DefaultValue, valueType),
                    DefaultSyntax = ia.DefaultSyntax,
                    IsBrowsable = ia.IsBrowsable,
                    IsSensitive = ia.IsSensitive,
                    AutoEvaluate = ia.AutoEvaluate,
                    UISpecifications = ia.OptionsProvider is null ? BuildUISpecifications(ia, valueType) : InputOptionsResolver.DropDown([], ia.UIHint ?? "dropdown"),
                    OptionsProvider = ia.OptionsProvider,
                    ClrType = valueType,
                });
            }
            else if (generic == typeof(Output<>))
            {
                var oa = p.GetCustomAttribute<OutputAttribute>() ?? new OutputAttribute();
                outputs.Add(new OutputDescriptor
                {
                    Name = p.Name,
                    TypeName = TypeAliases.GetAlias(valueType),
                    DisplayName = oa.DisplayName ?? Humanize(p.Name),
                    Description = oa.Description,
                    IsSerializable = oa.IsSerializable,
                });
            }
        }

        var isTerminal = type.GetCustomAttribute<TerminalAttribute>() != null;
        var ports = new List<PortDescriptor>();
        if (type.GetCustomAttribute<FlowNodeAttribute>() is { } flow)
        {
            ports.AddRange(flow.Outcomes.Select(o => new PortDescriptor(o, o, PortType.Flow)));
        }
        else if (!isTerminal)
        {
            ports.Add(new PortDescriptor(Outcomes.Done, Outcomes.Done, PortType.Flow));
        }

        ports.AddRange(type.GetCustomAttributes<EmbeddedPortAttribute>().Select(e => new PortDescriptor(e.Name, e.Name, PortType.Embedded, e.IsBrowsable)));

        return new ActivityDescriptor
        {
            TypeName = attr.TypeName,
            Namespace = attr.Namespace,
            Name = attr.Name,
            Version = attr.Version,
            Category = attr.Category ?? "Miscellaneous",
            DisplayName = attr.DisplayName ?? Humanize(attr.Name),
            Description = attr.Description,
            Kind = attr.Kind,
            Inputs = inputs,
            Outputs = outputs,
            Ports = ports,
            IsContainer = type.GetCustomAttribute<ContainerAttribute>() != null,
            IsBrowsable = attr.IsBrowsable,
            IsStart = type.GetCustomAttribute<StartNodeAttribute>() != null,
            IsTerminal = isTerminal,
            CustomProperties = new JsonObject { ["Type"] = attr.TypeName },
            Factory = CreateFactory(type),
            ClrType = type,
        };
    }

    private static Func<ActivityBase> CreateFactory(Type type) => () => (ActivityBase)Activator.CreateInstance(type)!;

    private static string DefaultUIHint(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(bool))
        {
            return "checkbox";
        }

        if (u == typeof(string))
        {
            return "singleline";
        }

        return u.IsEnum || (u != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(u) && !typeof(System.Collections.IDictionary).IsAssignableFrom(u))
            ? "dropdown"
            : "singleline";
    }

    private static JsonObject? BuildUISpecifications(InputAttribute ia, Type valueType)
    {
        var u = Nullable.GetUnderlyingType(valueType) ?? valueType;
        var options = ia.Options ?? (u.IsEnum ? Enum.GetNames(u) : null);
        if (options == null)
        {
            return null;
        }

        var items = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["text"] = o, ["value"] = o }).ToArray());
        var hint = ia.UIHint ?? "dropdown";
        var key = hint == "checklist" ? "checkList" : "selectList";
        return new JsonObject { [hint] = new JsonObject { [key] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false } } };
    }

    internal static string Humanize(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                sb.Append(' ');
            }

            sb.Append(name[i]);
        }

        return sb.ToString();
    }
}
