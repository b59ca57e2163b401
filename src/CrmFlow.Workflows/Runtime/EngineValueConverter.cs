using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Runtime;

/// <summary>The engine's value conversion: the expression layer's <see cref="ValueConverter"/> (one set of rules everywhere).</summary>
public static class EngineValueConverter
{
    public static T? ConvertTo<T>(object? value) => ValueConverter.ConvertTo<T>(value);

    public static object? ConvertTo(object? value, Type targetType) => ValueConverter.ConvertTo(value, targetType);

    /// <summary>JSON nodes/elements to plain CLR values: objects become dictionaries, arrays lists.</summary>
    public static object? ToPlain(object? value) => ValueConverter.ToPlain(value);
}
