namespace CrmFlow.Workflows.Activities;

/// <summary>What an activity is, for Studio's picker (<c>kind</c> in the descriptor).</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Job,
    Task,
}

/// <summary>
/// Declares an activity type. The JSON type name is <c>Namespace.Name</c> and, with <see cref="Version"/>, is
/// explicit: renaming the class never breaks stored workflows.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string name) : Attribute
{
    public string Namespace { get; } = @namespace;

    public string Name { get; } = name;

    public int Version { get; set; } = 1;

    public string? Category { get; set; }

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public ActivityKind Kind { get; set; } = ActivityKind.Action;

    /// <summary>False hides the activity from Studio's picker.</summary>
    public bool IsBrowsable { get; set; } = true;

    public string TypeName => $"{Namespace}.{Name}";
}

/// <summary>Input metadata for an <see cref="Input{T}"/> property.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    /// <summary>Studio editor: singleline, multiline, checkbox, dropdown, code-editor, …</summary>
    public string? UIHint { get; set; }

    public object? DefaultValue { get; set; }

    public string DefaultSyntax { get; set; } = "Literal";

    /// <summary>Items for dropdown/checklist editors.</summary>
    public string[]? Options { get; set; }

    /// <summary>
    /// An <see cref="Contracts.IInputOptionsProvider"/> whose options (read when descriptors are served) fill the
    /// dropdown; wins over <see cref="Options"/>.
    /// </summary>
    public Type? OptionsProvider { get; set; }

    public float Order { get; set; }

    /// <summary>False: the engine does not evaluate the input before execution (the activity evaluates it).</summary>
    public bool AutoEvaluate { get; set; } = true;

    public bool IsBrowsable { get; set; } = true;

    /// <summary>False for raw (non-wrapped) inputs such as SetVariable's <c>variable</c>.</summary>
    public bool IsWrapped { get; set; } = true;

    public bool IsSensitive { get; set; }
}

/// <summary>Output metadata for an <see cref="Output{T}"/> property.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public bool IsSerializable { get; set; } = true;
}

/// <summary>Flow outcomes (ports) of the activity; without it a non-terminal activity has <c>Done</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FlowNodeAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}

/// <summary>An embedded port holding a child activity (e.g. <c>Body</c>, <c>Then</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class EmbeddedPortAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public bool IsBrowsable { get; set; } = true;
}

/// <summary>Marks a terminal activity (no <c>Done</c> port; ends its flowchart).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TerminalAttribute : Attribute;

/// <summary>Marks a start activity (no <c>In</c> port).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StartNodeAttribute : Attribute;

/// <summary>Marks a container (Flowchart, Sequence…): it holds variables and children.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ContainerAttribute : Attribute;
