using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.Workflows.Persistence;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmFlow.IntegrationTests.Data;

/// <summary>
/// Databases with inbox tasks, migrated from the migration before the one under test: <c>UserTaskCandidateColumns</c>
/// (the candidate rows of open tasks get their task's claimability, due time and priority; those of closed tasks are
/// deleted) and <c>UserTaskTallies</c> (the open tasks already there are counted).
/// </summary>
public sealed class UserTaskMigrationTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Existing_candidate_rows_are_filled_from_their_open_tasks_and_those_of_closed_tasks_deleted(string provider)
    {
        await using var database = await CreateDatabaseAsync(provider);
        await using var db = await MigratedUpToAsync(provider, database, "UserTaskCandidateColumns");

        db.UserTasks.AddRange(
            Task("open", "Open", Due, 70),
            Task("claimed", "Assigned", null, 30),
            Task("completed", "Completed", Due, 50),
            Task("cancelled", "Cancelled", null, 50));
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        foreach (var (taskId, value) in new[] { ("open", "u:ann"), ("open", "r:Sales"), ("claimed", "u:ann"), ("completed", "u:ann"), ("cancelled", "r:Sales") })
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"UserTaskCandidates\" (\"TaskId\", \"Value\") VALUES ({taskId}, {value})", Ct);
        }

        await db.Database.MigrateAsync(Ct);

        var rows = (await db.UserTaskCandidates.AsNoTracking().ToListAsync(Ct))
            .OrderBy(c => c.TaskId, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal)
            .Select(c => (c.TaskId, c.Value, c.Claimable, c.DueAt, c.Priority));
        Assert.Equal(
            [("claimed", "u:ann", false, null, 30), ("open", "r:Sales", true, Due, 70), ("open", "u:ann", true, Due, 70)],
            rows.ToArray<(string, string, bool, DateTimeOffset?, int)>());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Open_tasks_already_there_are_counted_into_the_tallies(string provider)
    {
        await using var database = await CreateDatabaseAsync(provider);
        await using var db = await MigratedUpToAsync(provider, database, "UserTaskTallies");
        db.UserTasks.AddRange(Task("open", "Open", Due, 70), Task("open2", "Open", null, 50), Task("claimed", "Assigned", null, 30), Task("completed", "Completed", Due, 50));
        await db.SaveChangesAsync(Ct);

        await db.Database.MigrateAsync(Ct);

        Assert.Equal((2, 1), await UserTaskTally.ReadAsync(db, Ct));
        Assert.Equal(2 * UserTaskTally.Slots, await db.UserTaskTallies.CountAsync(Ct));
    }

    /// <summary>A new database migrated up to the migration before <paramref name="migration"/>.</summary>
    private static async Task<WorkflowsDbContext> MigratedUpToAsync(string provider, TestDatabase database, string migration)
    {
        var db = WorkflowsDatabase.Create(Enum.Parse<DatabaseProvider>(provider), database.ConnectionString);
        var migrations = db.Database.GetMigrations().ToList();
        var target = migrations.FindIndex(m => m.EndsWith("_" + migration, StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(migrations[target - 1], Ct);
        return db;
    }

    private static async Task<TestDatabase> CreateDatabaseAsync(string provider)
    {
        if (provider == "Sqlite")
        {
            var sqlite = new SqliteTestDatabase();
            WorkflowsDatabase.EnsureSqliteDirectory(sqlite.ConnectionString);
            return sqlite;
        }

        PostgreSqlServer.EnsureConfigured();
        return await PostgreSqlTestDatabase.CreateAsync(fromTemplate: false);
    }

    private static UserTaskRecord Task(string id, string status, DateTimeOffset? due, int priority) => new()
    {
        Id = id,
        WorkflowInstanceId = "instance-" + id,
        DefinitionId = "flow",
        ActivityId = "Task",
        Title = id,
        Status = status,
        IsOpen = status is "Open" or "Assigned",
        Assignee = status == "Assigned" ? "ann" : null,
        Priority = priority,
        DueAt = due,
        CreatedAt = Due.AddDays(-1),
        Spec = "{}",
    };
}
