using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace CrmFlow.Workflows.Expressions.JavaScript;

/// <summary>
/// The <c>variables</c> global: reads and writes workflow variables by name (<c>variables.Counter</c>,
/// <c>variables.Customer.name = 'x'</c>). A value read is copied into script once per evaluation and the copy is
/// written back to the workflow when the script completes, so nested changes persist, as in Elsa.
/// </summary>
internal sealed class VariablesObject(JintEngineHost host) : ObjectInstance(host.Engine)
{
    public override JsValue Get(JsValue property, JsValue receiver)
    {
        if (!property.IsString())
        {
            return base.Get(property, receiver);
        }

        var name = property.AsString();
        var scope = host.Scope;

        if (scope.VariableCopies.TryGetValue(name, out var copy))
        {
            return copy.Script;
        }

        if (!scope.Context.TryGetVariable(name, out var value))
        {
            return JsValue.Undefined;
        }

        var script = host.ToJs(value);
        scope.VariableCopies[name] = (script, value);
        return script;
    }

    public override bool Set(JsValue property, JsValue value, JsValue receiver)
    {
        if (!property.IsString())
        {
            return false;
        }

        var name = property.AsString();
        host.WriteVariable(name, value);
        host.Scope.VariableCopies[name] = (value, null);
        return true;
    }

    public override PropertyDescriptor GetOwnProperty(JsValue property)
    {
        if (!property.IsString() || !HasVariable(property.AsString()))
        {
            return PropertyDescriptor.Undefined;
        }

        return new PropertyDescriptor(Get(property, this), PropertyFlag.ConfigurableEnumerableWritable);
    }

    public override bool HasProperty(JsValue property) =>
        (property.IsString() && HasVariable(property.AsString())) || base.HasProperty(property);

    public override List<JsValue> GetOwnPropertyKeys(Types types = Types.Empty | Types.String | Types.Symbol)
    {
        var keys = new List<JsValue>();
        if ((types & Types.String) == 0)
        {
            return keys;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in host.Scope.Context.Variables)
        {
            if (seen.Add(variable.Name))
            {
                keys.Add(variable.Name);
            }
        }

        return keys;
    }

    public override bool DefineOwnProperty(JsValue property, PropertyDescriptor desc) =>
        desc.Value is { } value && Set(property, value, this);

    public override bool Delete(JsValue property) => false;

    public override bool PreventExtensions() => false;

    private bool HasVariable(string name) =>
        host.Scope.VariableCopies.ContainsKey(name) || host.Scope.Context.TryGetVariable(name, out _);
}
