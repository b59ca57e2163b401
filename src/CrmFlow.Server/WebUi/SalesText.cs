using CrmFlow.Server.Resources;

namespace CrmFlow.Server.WebUi;

/// <summary>The translated reason of a refused sales flow: the refusal code's text, else the flow's detail, plus field errors.</summary>
internal static class SalesText
{
    public static string Reason(UiText text, FlowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(outcome);
        var reason = outcome.Code is { } code && text[code] != code ? text[code] : outcome.Detail ?? outcome.Code ?? $"HTTP {outcome.StatusCode}";
        return outcome.Errors.Count == 0 ? reason : $"{reason} {string.Join("; ", outcome.Errors)}";
    }

    /// <summary>A gate condition's text (e.g. <c>quote_exists</c>), else the code itself.</summary>
    public static string Gate(UiText text, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = "gate." + code;
        var translated = text[key];
        return translated == key ? code : translated;
    }
}
