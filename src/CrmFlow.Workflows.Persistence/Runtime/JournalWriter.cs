using CrmFlow.Workflows.Persistence.Entities;
using Npgsql;
using NpgsqlTypes;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>
/// Writes a group commit's journal rows. A burst journals two or more rows per activity it runs, so a batch carries
/// dozens to hundreds: on PostgreSQL they go in with the batch's claim statement (<see cref="InstanceCommitQueue"/>),
/// as one more data-modifying CTE, <c>INSERT … SELECT FROM unnest(…)</c> with one array parameter per column, keeping
/// only the rows of commits whose bookmark was claimed; elsewhere through EF Core's batched inserts.
/// </summary>
internal static class JournalWriter
{
    /// <summary>The CTE for the claim statement; it reads that statement's <c>claimed</c> CTE.</summary>
    public const string PostgreSqlClaimedRowsCte = """
        journal AS (
            INSERT INTO "WorkflowJournal" ("Id", "WorkflowInstanceId", "Sequence", "Timestamp", "EventName", "ActivityInstanceId",
                "ParentActivityInstanceId", "ActivityId", "ActivityType", "ActivityName", "Message", "BookmarkId", "Payload")
            SELECT j."Id", j."WorkflowInstanceId", j."Sequence", j."Timestamp", j."EventName", j."ActivityInstanceId",
                j."ParentActivityInstanceId", j."ActivityId", j."ActivityType", j."ActivityName", j."Message", j."BookmarkId", j."Payload"
            FROM unnest(@j_id, @j_instance, @j_sequence, @j_timestamp, @j_event, @j_activityInstance, @j_parent, @j_activityId,
                @j_activityType, @j_activityName, @j_message, @j_bookmark, @j_payload, @j_owner)
                AS j("Id", "WorkflowInstanceId", "Sequence", "Timestamp", "EventName", "ActivityInstanceId", "ParentActivityInstanceId",
                    "ActivityId", "ActivityType", "ActivityName", "Message", "BookmarkId", "Payload", "Owner")
            WHERE j."Owner" IS NULL OR j."Owner" IN (SELECT "Id" FROM claimed))
        """;

    /// <summary>The parameters of <see cref="PostgreSqlClaimedRowsCte"/>: every commit's rows, each with the bookmark its commit consumes.</summary>
    public static NpgsqlParameter[] PostgreSqlParameters(IReadOnlyList<InstanceCommit> batch)
    {
        var rows = batch.SelectMany(c => c.Journal.Select(row => (Row: row, Owner: c.ConsumedBookmarkId))).ToList();
        return
        [
            Text("j_id", rows, r => r.Row.Id),
            Text("j_instance", rows, r => r.Row.WorkflowInstanceId),
            new NpgsqlParameter<long[]>("j_sequence", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. rows.Select(r => r.Row.Sequence)] },
            new NpgsqlParameter<DateTimeOffset[]>("j_timestamp", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. rows.Select(r => r.Row.Timestamp.ToUniversalTime())] },
            Text("j_event", rows, r => r.Row.EventName),
            Text("j_activityInstance", rows, r => r.Row.ActivityInstanceId),
            Text("j_parent", rows, r => r.Row.ParentActivityInstanceId),
            Text("j_activityId", rows, r => r.Row.ActivityId),
            Text("j_activityType", rows, r => r.Row.ActivityType),
            Text("j_activityName", rows, r => r.Row.ActivityName),
            Text("j_message", rows, r => r.Row.Message),
            Text("j_bookmark", rows, r => r.Row.BookmarkId),
            Text("j_payload", rows, r => r.Row.Payload),
            Text("j_owner", rows, r => r.Owner),
        ];
    }

    /// <summary>Other providers: the accepted commits' rows, saved by the caller's <c>SaveChanges</c>.</summary>
    public static void Add(WorkflowsDbContext db, IEnumerable<InstanceCommit> commits) => db.Journal.AddRange(commits.SelectMany(c => c.Journal));

    private static NpgsqlParameter<string?[]> Text(string name, List<(JournalRecord Row, string? Owner)> rows, Func<(JournalRecord Row, string? Owner), string?> column) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(column)] };
}
