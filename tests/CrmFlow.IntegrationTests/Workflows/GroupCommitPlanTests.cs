using System.Text.RegularExpressions;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Runtime;
using CrmFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>
/// The group commit's statements on PostgreSQL run with generic plans, made once per connection: they must be key
/// lookups even when made on tables that were never analysed (a new database), or every batch scans whole tables
/// until autovacuum first analyses them.
/// </summary>
public sealed class GroupCommitPlanTests_PostgreSql(PostgreSqlWorkflowDatabase db) : IClassFixture<PostgreSqlWorkflowDatabase>
{
    private static readonly string[] Tables = ["WorkflowInstances", "WorkflowBookmarks", "WorkflowTimers", "WorkflowIncidents", "WorkflowJournal"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_statement_of_a_group_commit_is_planned_without_a_sequential_scan_on_tables_never_analysed()
    {
        var connectionString = db.Host.Services.GetRequiredService<InstanceCommitQueue>().PostgreSqlBatchConnectionString;
        Assert.NotNull(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);

        // Temporary copies shadow the real tables on this connection (pg_temp comes first in the search path) and are
        // never analysed by autovacuum: the state of every table of a new database.
        foreach (var table in Tables)
        {
            await ExecuteAsync(connection, $"""CREATE TEMP TABLE "{table}" (LIKE public."{table}" INCLUDING ALL)""");
        }

        // A batch that makes every statement: a claim, journal rows, a new and an updated instance, incidents
        // replaced, a bookmark and a timer added.
        var at = DateTimeOffset.UtcNow;
        WorkflowInstanceRecord Instance(string id) => new()
        {
            Id = id, DefinitionId = "plans", DefinitionVersionId = "plans-v1", Version = 1, Status = "Running", SubStatus = "Suspended",
            CreatedAt = at, UpdatedAt = at, Data = "{}",
        };
        var batch = new[]
        {
            new InstanceCommit
            {
                Instance = Instance("new"), IsNew = true, ReplaceIncidents = true,
                Incidents = [new IncidentRecord { Id = "i1", WorkflowInstanceId = "new", ActivityId = "a", ActivityNodeId = "a", ActivityType = "t", Message = "m", Timestamp = at }],
                AddedBookmarks = [new BookmarkRecord { Id = "b2", WorkflowInstanceId = "new", Name = "Elsa.Delay", Hash = "h", ActivityId = "a", ActivityInstanceId = "ai" }],
                AddedTimers = [new ScheduledTimerRecord { Id = "t2", DueAt = at, WorkflowInstanceId = "new", BookmarkId = "b2" }],
                Journal = [new JournalRecord { Id = "j1", WorkflowInstanceId = "new", Sequence = 1, Timestamp = at, EventName = JournalEvents.Started, ActivityInstanceId = "ai", ActivityId = "a", ActivityType = "t" }],
            },
            new InstanceCommit { Instance = Instance("old"), ConsumedBookmarkId = "b1", RemovedBookmarkIds = ["b0"], ReplaceIncidents = true },
        };

        var statements = PostgreSqlGroupCommit.Statements(batch).ToList();
        Assert.Equal(8, statements.Count);
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement.CommandText, connection);
            foreach (NpgsqlParameter parameter in statement.Parameters)
            {
                command.Parameters.Add(parameter.Clone());
            }

            await command.PrepareAsync(Ct);
        }

        // Explain each prepared statement as the server will run it: with the pool's settings, its generic plan.
        var prepared = new List<(string Name, string[] Types, string Sql)>();
        await using (var list = new NpgsqlCommand("SELECT name, parameter_types::text[], statement FROM pg_prepared_statements WHERE NOT from_sql", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                prepared.Add((reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetString(2)));
            }
        }

        var plans = new List<string>();
        foreach (var (name, types, sql) in prepared.Where(p => !p.Sql.StartsWith("SELECT name", StringComparison.Ordinal)))
        {
            var arguments = string.Join(", ", types.Select(t => $"NULL::{t}"));
            plans.Add(sql + "\n" + await ScalarsAsync(connection, $"EXPLAIN EXECUTE {name}({arguments})"));
        }

        Assert.Equal(statements.Count, plans.Count);
        Assert.All(plans, plan => Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal));
        Assert.Contains(plans, plan => Regex.IsMatch(plan, "Index Scan (on|using) \"WorkflowInstances_pkey\""));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<string> ScalarsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
