namespace CrmFlow.Workflows.Expressions;

/// <summary>Raised when a value cannot be converted to the type an input or variable declares.</summary>
public sealed class ValueConversionException : InvalidOperationException
{
    public ValueConversionException(object? value, Type targetType, Exception? inner = null)
        : base(BuildMessage(value, targetType, inner), inner)
    {
        SourceType = value?.GetType();
        TargetType = targetType;
    }

    public Type? SourceType { get; }

    public Type TargetType { get; }

    private static string BuildMessage(object? value, Type targetType, Exception? inner)
    {
        var shown = value switch
        {
            null => "null",
            string s => '"' + (s.Length > 80 ? s[..80] + "…" : s) + '"',
            _ => value.GetType().Name,
        };

        var reason = inner is null ? string.Empty : " " + inner.Message;
        return $"Cannot convert {shown} to {targetType.Name}.{reason}";
    }
}
