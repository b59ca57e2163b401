namespace CrmFlow.BrowserTests.Infrastructure;

/// <summary>Assertions that print what they found in full (xunit shortens a collection's items in its message).</summary>
public static class BrowserAssert
{
    /// <summary>No console error, failed request or server error was recorded.</summary>
    public static void NoErrors(IReadOnlyCollection<string> errors) =>
        Assert.True(errors.Count == 0, $"{errors.Count} error(s):\n" + string.Join("\n", errors));
}
