namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>Search terms inside LIKE/ILIKE patterns: <c>%</c>, <c>_</c> and the escape character match themselves.</summary>
internal static class LikePattern
{
    public const string EscapeText = "\\";

    public static string Escape(string term) =>
        term.Replace(EscapeText, EscapeText + EscapeText, StringComparison.Ordinal)
            .Replace("%", EscapeText + "%", StringComparison.Ordinal)
            .Replace("_", EscapeText + "_", StringComparison.Ordinal);

    /// <summary>True for the PostgreSQL context (ILIKE there; LIKE is case-sensitive on PostgreSQL).</summary>
    public static bool IsPostgreSql(this WorkflowsDbContext db) => db is PostgreSqlWorkflowsDbContext;
}
