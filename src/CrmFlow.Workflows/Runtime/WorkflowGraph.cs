using System.Collections.Concurrent;
using System.Reflection;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Model;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// A definition prepared for execution: nodes by id and one bound activity instance per node. Built once per
/// definition object and cached; immutable afterwards, so it can be shared by concurrent runs.
/// </summary>
public sealed class WorkflowGraph
{
    public const string RootKey = "root";

    private readonly Dictionary<string, ActivityNode> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ActivityNode, ActivityBase> _bound = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<ActivityNode, object> _transient = new(ReferenceEqualityComparer.Instance);
    private readonly ActivityRegistry _registry;

    internal WorkflowGraph(WorkflowDefinition definition, string key, ActivityRegistry registry)
    {
        Definition = definition;
        Key = key;
        _registry = registry;
        foreach (var node in definition.AllActivities)
        {
            _nodes.TryAdd(node.Id, node);
        }
    }

    public WorkflowDefinition Definition { get; }

    /// <summary>Unknown activity types of the definition (a clean result is cached; errors are re-checked, types may be registered later).</summary>
    public IReadOnlyList<ValidationMessage> UnknownActivities
    {
        get
        {
            if (_valid)
            {
                return [];
            }

            var errors = WorkflowDefinitionValidator.FindUnknownActivities(Definition, _registry);
            _valid = errors.Count == 0;
            return errors;
        }
    }

    private bool _valid;

    public string Key { get; }

    /// <summary>The key a workflow-as-activity definition is stored under in <see cref="ActivityContextState.GraphKey"/>.</summary>
    public static string KeyOf(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Id ?? $"{definition.DefinitionId}:{definition.Version}";
    }

    public ActivityNode? FindNode(string id) => _nodes.GetValueOrDefault(id);

    internal ActivityBase GetActivity(ActivityNode node) => _bound.GetOrAdd(node, Bind);

    /// <summary>Per-node cached helper data (e.g. a flowchart's flow graph).</summary>
    internal T GetTransient<T>(ActivityNode node, Func<ActivityNode, T> create)
        where T : class => (T)_transient.GetOrAdd(node, n => create(n));

    private ActivityBase Bind(ActivityNode node)
    {
        var descriptor = _registry.Resolve(node)
            ?? throw new WorkflowValidationException([new ValidationMessage($"Activity '{node.Id}' has unknown type '{node.Type}' (version {node.Version}).", node.Id, node.Type)]);
        var activity = descriptor.Factory();
        activity.Node = node;
        activity.Descriptor = descriptor;
        if (descriptor.ClrType != null)
        {
            foreach (var binding in ActivityReflection.GetBindings(descriptor.ClrType))
            {
                binding.Bind(activity, node);
            }
        }

        return activity;
    }
}

/// <summary>Binds <see cref="Input{T}"/>/<see cref="Output{T}"/> properties of an activity class to a node.</summary>
internal static class ActivityReflection
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<PropertyBinding>> Cache = new();

    public static IReadOnlyList<PropertyBinding> GetBindings(Type type) => Cache.GetOrAdd(type, Build);

    private static List<PropertyBinding> Build(Type type)
    {
        var list = new List<PropertyBinding>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanWrite || !p.PropertyType.IsGenericType)
            {
                continue;
            }

            var generic = p.PropertyType.GetGenericTypeDefinition();
            if (generic == typeof(Input<>) || generic == typeof(Output<>))
            {
                list.Add(new PropertyBinding(p, generic == typeof(Input<>)));
            }
        }

        return list;
    }

    internal sealed class PropertyBinding(PropertyInfo property, bool isInput)
    {
        public PropertyInfo Property { get; } = property;

        public bool IsInput { get; } = isInput;

        public void Bind(ActivityBase activity, ActivityNode node)
        {
            object value = IsInput
                ? Activator.CreateInstance(Property.PropertyType, Property.Name, node.GetInput(Property.Name))!
                : Activator.CreateInstance(Property.PropertyType, Property.Name, node.GetOutputTarget(Property.Name))!;
            Property.SetValue(activity, value);
        }
    }
}

/// <summary>A definition cannot be published or run; each message names the activity.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<ValidationMessage> errors)
    : InvalidOperationException(string.Join(Environment.NewLine, errors.Select(e => e.Message)))
{
    public IReadOnlyList<ValidationMessage> Errors { get; } = errors;
}
