using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>
/// Writes a group commit's journal rows. A burst journals two or more rows per activity it runs, so a batch carries
/// dozens to hundreds: on PostgreSQL they go in as one <c>INSERT … SELECT FROM unnest(…)</c> with one array parameter per
/// column (one statement, 13 parameters, instead of one statement and 13 parameters per row), in the one-round-trip
/// batch (<see cref="PostgreSqlGroupCommit"/>) or on its own in a transaction; elsewhere through EF Core's batched inserts.
/// </summary>
internal static class JournalWriter
{
    private const string PostgreSqlInsert = """
        INSERT INTO "WorkflowJournal" ("Id", "WorkflowInstanceId", "Sequence", "Timestamp", "EventName", "ActivityInstanceId",
            "ParentActivityInstanceId", "ActivityId", "ActivityType", "ActivityName", "Message", "BookmarkId", "Payload")
        SELECT * FROM unnest(@id, @instance, @sequence, @timestamp, @event, @activityInstance, @parent, @activityId, @activityType,
            @activityName, @message, @bookmark, @payload)
        """;

    /// <summary>
    /// The journal rows of a transaction's commits: on PostgreSQL inserted now in <paramref name="db"/>'s open
    /// transaction (<see cref="PostgreSqlCommand"/>), elsewhere added to <paramref name="db"/> and saved by the caller.
    /// </summary>
    public static async Task WriteAsync(WorkflowsDbContext db, IReadOnlyList<JournalRecord> rows)
    {
        if (!db.IsPostgreSql())
        {
            db.Journal.AddRange(rows);
            return;
        }

        if (PostgreSqlCommand(rows) is not { } insert)
        {
            return;
        }

        var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(insert);
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The PostgreSQL insert of <paramref name="rows"/>, for the caller's batch; null when there are none.</summary>
    public static NpgsqlBatchCommand? PostgreSqlCommand(IReadOnlyList<JournalRecord> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(PostgreSqlInsert);
        command.Parameters.AddRange(new NpgsqlParameter[]
        {
            Text("id", rows, r => r.Id),
            Text("instance", rows, r => r.WorkflowInstanceId),
            new NpgsqlParameter<long[]>("sequence", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. rows.Select(r => r.Sequence)] },
            new NpgsqlParameter<DateTimeOffset[]>("timestamp", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. rows.Select(r => r.Timestamp.ToUniversalTime())] },
            Text("event", rows, r => r.EventName),
            Text("activityInstance", rows, r => r.ActivityInstanceId),
            Text("parent", rows, r => r.ParentActivityInstanceId),
            Text("activityId", rows, r => r.ActivityId),
            Text("activityType", rows, r => r.ActivityType),
            Text("activityName", rows, r => r.ActivityName),
            Text("message", rows, r => r.Message),
            Text("bookmark", rows, r => r.BookmarkId),
            Text("payload", rows, r => r.Payload),
        });
        return command;
    }

    private static NpgsqlParameter<string?[]> Text(string name, IReadOnlyList<JournalRecord> rows, Func<JournalRecord, string?> column) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(column)] };
}
