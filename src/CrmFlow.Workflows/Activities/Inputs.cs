using CrmFlow.Workflows.Model;

namespace CrmFlow.Workflows.Activities;

/// <summary>Untyped view of a bound input.</summary>
public interface IInputBinding
{
    string Name { get; }

    Type ValueType { get; }

    /// <summary>The value stored on the node; null when the JSON does not set this input.</summary>
    InputValue? Value { get; }
}

/// <summary>
/// An activity input. The engine binds one per property when it prepares a node; the value is read with
/// <c>context.Get(input)</c> after the engine has evaluated it.
/// </summary>
public sealed class Input<T> : IInputBinding
{
    public Input(string name, InputValue? value = null)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public Type ValueType => typeof(T);

    public InputValue? Value { get; }
}

/// <summary>Untyped view of a bound output.</summary>
public interface IOutputBinding
{
    string Name { get; }

    /// <summary>The memory reference (variable id/name or workflow output name) the output is bound to.</summary>
    string? TargetId { get; }
}

/// <summary>An activity output; <c>context.Set(output, value)</c> records it and writes its binding.</summary>
public sealed class Output<T> : IOutputBinding
{
    public Output(string name, string? targetId = null)
    {
        Name = name;
        TargetId = targetId;
    }

    public string Name { get; }

    public string? TargetId { get; }
}
