using MudBlazor;

namespace CrmFlow.Server.Components.Layout;

/// <summary>The UI theme. A system font stack: no web fonts are fetched (the network may be closed).</summary>
internal static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily =
                [
                    "system-ui", "-apple-system", "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
                    "Helvetica Neue", "Arial", "sans-serif",
                ],
            },
        },
    };
}
