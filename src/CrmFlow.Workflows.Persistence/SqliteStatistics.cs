using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Workflows.Persistence;

/// <summary>
/// Keeps SQLite's query-planner statistics current, as SQLite recommends for long-lived connections: without them
/// SQLite guesses that an equality on any indexed column matches about ten rows. <c>PRAGMA optimize</c> (all tables,
/// flag 0x10002) runs ANALYZE only on the tables that were never analysed or whose size changed a lot since, so it
/// is cheap most of the time; the host runs it after the start-up migration and then every hour. The analysis is
/// not sampled (<c>analysis_limit</c>): a sample of a column with four values, such as a task's status, misleads the
/// planner more than no statistics. PostgreSQL and SQL Server keep their statistics themselves.
/// </summary>
internal static class SqliteStatistics
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static Task RefreshAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", cancellationToken);
    }
}
