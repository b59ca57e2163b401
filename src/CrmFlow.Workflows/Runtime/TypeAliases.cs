using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// Elsa's type aliases (<c>String</c>, <c>Int32</c>, <c>Object[]</c>…) to CLR types and back, through the
/// expression layer's <see cref="WellKnownTypeRegistry"/>. Type names are hints: unknown names give <see cref="object"/>.
/// </summary>
public static class TypeAliases
{
    public static Type Resolve(string? typeName, bool isArray = false)
    {
        var type = WellKnownTypeRegistry.Default.GetTypeOrObject(typeName);
        return isArray && !type.IsArray ? type.MakeArrayType() : type;
    }

    public static string GetAlias(Type type) => WellKnownTypeRegistry.Default.GetAlias(type);
}
