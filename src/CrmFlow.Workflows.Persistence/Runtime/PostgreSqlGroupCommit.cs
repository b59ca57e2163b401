using CrmFlow.Workflows.Persistence.Entities;
using Npgsql;
using NpgsqlTypes;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>
/// A group commit on PostgreSQL in one round trip: the bookmark claim, the journal, instance, incident, bookmark and
/// timer rows go as one <see cref="NpgsqlBatch"/> without an explicit transaction, which PostgreSQL runs as one
/// implicit transaction committed at the batch's end (no <c>BEGIN</c>, no <c>COMMIT</c> round trip). Every statement
/// takes one array parameter per column (<c>unnest</c>), so a batch of any size is the same few prepared statements.
/// <para>
/// The statements that must touch an exact number of rows check it with <c>crmflow_expect_rows</c> (migration
/// <c>GroupCommitRowCheck</c>), and a mismatch fails the whole batch, which writes nothing: a consumed bookmark
/// already gone fails it with <see cref="ClaimRefused"/> (the caller then writes the batch again on the path that
/// finds which commits were refused), an updated instance whose row is gone with <see cref="InstanceMissing"/>.
/// </para>
/// <para>
/// Batches with inbox tasks are not covered (<see cref="Covers"/>): their sync reads the task rows inside the
/// transaction.
/// </para>
/// </summary>
internal static class PostgreSqlGroupCommit
{
    /// <summary>SQLSTATE of a batch failed because a consumed bookmark was already gone.</summary>
    public const string ClaimRefused = "CF409";

    /// <summary>SQLSTATE of a batch failed because an instance it updates has no row.</summary>
    public const string InstanceMissing = "CF404";

    private const string Claim = $"""
        WITH claimed AS (DELETE FROM "WorkflowBookmarks" WHERE "Id" = ANY(@consumed) RETURNING "Id"),
        spent AS (DELETE FROM "WorkflowBookmarks" WHERE "Id" = ANY(@removed)),
        timers AS (DELETE FROM "WorkflowTimers" WHERE "BookmarkId" = ANY(@consumed || @removed))
        SELECT crmflow_expect_rows(@expected, count(*), 'consumed bookmarks claimed', '{ClaimRefused}') FROM claimed
        """;

    private const string InstanceColumns = """
        "Id", "DefinitionId", "DefinitionVersionId", "Version", "Name", "CorrelationId", "ParentWorkflowInstanceId", "Status",
        "SubStatus", "IncidentCount", "JournalCount", "CreatedAt", "UpdatedAt", "FinishedAt", "LeasedBy", "LeaseUntil", "Data"
        """;

    private const string InstanceValues = """
        unnest(@id, @definition, @version_id, @version, @name, @correlation, @parent, @status, @sub_status, @incidents,
            @journal_count, @created, @updated, @finished, @leased_by, @lease_until, @data)
        """;

    private const string InsertInstances = $"""INSERT INTO "WorkflowInstances" ({InstanceColumns}) SELECT * FROM {InstanceValues}""";

    private const string UpdateInstances = $"""
        WITH updated AS (
            UPDATE "WorkflowInstances" AS i SET
                "DefinitionId" = u."DefinitionId", "DefinitionVersionId" = u."DefinitionVersionId", "Version" = u."Version",
                "Name" = u."Name", "CorrelationId" = u."CorrelationId", "ParentWorkflowInstanceId" = u."ParentWorkflowInstanceId",
                "Status" = u."Status", "SubStatus" = u."SubStatus", "IncidentCount" = u."IncidentCount",
                "JournalCount" = u."JournalCount", "CreatedAt" = u."CreatedAt", "UpdatedAt" = u."UpdatedAt",
                "FinishedAt" = u."FinishedAt", "LeasedBy" = u."LeasedBy", "LeaseUntil" = u."LeaseUntil", "Data" = u."Data"
            FROM {InstanceValues} AS u({InstanceColumns})
            WHERE i."Id" = u."Id" AND i."Id" = ANY(@id)
            RETURNING i."Id")
        SELECT crmflow_expect_rows(@expected, count(*), 'instances updated', '{InstanceMissing}') FROM updated
        """;

    private const string DeleteIncidents = """DELETE FROM "WorkflowIncidents" WHERE "WorkflowInstanceId" = ANY(@owners)""";

    private const string InsertIncidents = """
        INSERT INTO "WorkflowIncidents" ("Id", "WorkflowInstanceId", "ActivityId", "ActivityNodeId", "ActivityType", "Message",
            "ExceptionType", "StackTrace", "Timestamp")
        SELECT * FROM unnest(@id, @instance, @activity, @node, @type, @message, @exception, @stack, @timestamp)
        """;

    private const string InsertBookmarks = """
        INSERT INTO "WorkflowBookmarks" ("Id", "WorkflowInstanceId", "CorrelationId", "Name", "Hash", "ActivityId",
            "ActivityInstanceId", "Stimulus", "Payload", "CreatedAt")
        SELECT * FROM unnest(@id, @instance, @correlation, @name, @hash, @activity, @activity_instance, @stimulus, @payload, @created)
        """;

    private const string InsertTimers = """
        INSERT INTO "WorkflowTimers" ("Id", "DueAt", "WorkflowInstanceId", "BookmarkId", "DefinitionId", "TriggerId", "ActivityId",
            "CronExpression", "Interval", "LeasedBy", "LeaseUntil")
        SELECT * FROM unnest(@id, @due, @instance, @bookmark, @definition, @trigger, @activity, @cron, @interval, @leased_by, @lease_until)
        """;

    /// <summary>
    /// The connection string of the batches: <paramref name="connectionString"/> (already tuned) with generic plans
    /// forced and sequential scans ruled out. With the default plan choice PostgreSQL re-planned the claim and the
    /// instance update on every batch (a custom plan that knows the arrays' lengths looks cheaper than the generic
    /// one), about a third of a millisecond each; the statements' plans do not depend on the values (key lookups,
    /// each side of the update's join bounded by the primary key), so the generic plan is the right one.
    /// <para>
    /// A generic plan is made once per connection and kept until the table's statistics change, and a table never
    /// analysed (a new database) looks like ten pages: the plan made then scans the whole instance table for every
    /// batch until autovacuum first analyses it, which on a busy new database took more than a minute (thousands of
    /// full scans). Every statement here is a key lookup or an insert, so sequential scans are turned off: the plan
    /// uses the keys whatever the statistics say. A pool of its own, used by nothing else.
    /// </para>
    /// </summary>
    public static string ConnectionString(string connectionString)
    {
        const string settings = "-c plan_cache_mode=force_generic_plan -c enable_seqscan=off";
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? settings : builder.Options + " " + settings;
        return builder.ConnectionString;
    }

    /// <summary>Whether the batch can be written in one round trip: none of its commits syncs inbox tasks.</summary>
    public static bool Covers(IReadOnlyList<InstanceCommit> batch)
    {
        foreach (var commit in batch)
        {
            if (commit.UserTasks is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Writes the batch in one round trip on a pooled connection of <paramref name="connectionString"/>. Throws a
    /// <see cref="PostgresException"/> with <see cref="ClaimRefused"/> when a consumed bookmark was already gone; then
    /// nothing was written.
    /// </summary>
    public static async Task WriteAsync(string connectionString, IReadOnlyList<InstanceCommit> batch)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = new NpgsqlBatch(connection);
            await using (command.ConfigureAwait(false))
            {
                foreach (var statement in Statements(batch))
                {
                    command.BatchCommands.Add(statement);
                }

                if (command.BatchCommands.Count > 0)
                {
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The batch's statements in order: claim, journal, instances, incidents, bookmarks, timers (each only when it has rows).</summary>
    internal static IEnumerable<NpgsqlBatchCommand> Statements(IReadOnlyList<InstanceCommit> batch)
    {
        var consumed = batch.Select(c => c.ConsumedBookmarkId).OfType<string>().ToArray();
        var removed = batch.SelectMany(c => c.RemovedBookmarkIds).ToArray();
        if (consumed.Length > 0 || removed.Length > 0)
        {
            yield return Command(Claim, Texts("consumed", consumed), Texts("removed", removed), Long("expected", consumed.Length));
        }

        if (JournalWriter.PostgreSqlCommand([.. batch.SelectMany(c => c.Journal)]) is { } journal)
        {
            yield return journal;
        }

        var inserted = batch.Where(c => c.IsNew).Select(c => c.Instance).ToList();
        if (inserted.Count > 0)
        {
            yield return Command(InsertInstances, InstanceParameters(inserted));
        }

        var updated = batch.Where(c => !c.IsNew).Select(c => c.Instance).ToList();
        if (updated.Count > 0)
        {
            yield return Command(UpdateInstances, [.. InstanceParameters(updated), Long("expected", updated.Count)]);
        }

        var owners = batch.Where(c => c.ReplaceIncidents && !c.IsNew).Select(c => c.Instance.Id).ToArray();
        if (owners.Length > 0)
        {
            yield return Command(DeleteIncidents, Texts("owners", owners));
        }

        var incidents = batch.Where(c => c.ReplaceIncidents).SelectMany(c => c.Incidents).ToList();
        if (incidents.Count > 0)
        {
            yield return Command(
                InsertIncidents,
                Texts("id", incidents, i => i.Id),
                Texts("instance", incidents, i => i.WorkflowInstanceId),
                Texts("activity", incidents, i => i.ActivityId),
                Texts("node", incidents, i => i.ActivityNodeId),
                Texts("type", incidents, i => i.ActivityType),
                Texts("message", incidents, i => i.Message),
                Texts("exception", incidents, i => i.ExceptionType),
                Texts("stack", incidents, i => i.StackTrace),
                Times("timestamp", incidents, i => i.Timestamp));
        }

        var bookmarks = batch.SelectMany(c => c.AddedBookmarks).ToList();
        if (bookmarks.Count > 0)
        {
            yield return Command(
                InsertBookmarks,
                Texts("id", bookmarks, b => b.Id),
                Texts("instance", bookmarks, b => b.WorkflowInstanceId),
                Texts("correlation", bookmarks, b => b.CorrelationId),
                Texts("name", bookmarks, b => b.Name),
                Texts("hash", bookmarks, b => b.Hash),
                Texts("activity", bookmarks, b => b.ActivityId),
                Texts("activity_instance", bookmarks, b => b.ActivityInstanceId),
                Texts("stimulus", bookmarks, b => b.Stimulus),
                Texts("payload", bookmarks, b => b.Payload),
                Times("created", bookmarks, b => b.CreatedAt));
        }

        var timers = batch.SelectMany(c => c.AddedTimers).ToList();
        if (timers.Count > 0)
        {
            yield return Command(
                InsertTimers,
                Texts("id", timers, t => t.Id),
                Times("due", timers, t => t.DueAt),
                Texts("instance", timers, t => t.WorkflowInstanceId),
                Texts("bookmark", timers, t => t.BookmarkId),
                Texts("definition", timers, t => t.DefinitionId),
                Texts("trigger", timers, t => t.TriggerId),
                Texts("activity", timers, t => t.ActivityId),
                Texts("cron", timers, t => t.CronExpression),
                Texts("interval", timers, t => t.Interval),
                Texts("leased_by", timers, t => t.LeasedBy),
                NullableTimes("lease_until", timers, t => t.LeaseUntil));
        }
    }

    private static NpgsqlParameter[] InstanceParameters(List<WorkflowInstanceRecord> rows) =>
    [
        Texts("id", rows, i => i.Id),
        Texts("definition", rows, i => i.DefinitionId),
        Texts("version_id", rows, i => i.DefinitionVersionId),
        new NpgsqlParameter<int[]>("version", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. rows.Select(i => i.Version)] },
        Texts("name", rows, i => i.Name),
        Texts("correlation", rows, i => i.CorrelationId),
        Texts("parent", rows, i => i.ParentWorkflowInstanceId),
        Texts("status", rows, i => i.Status),
        Texts("sub_status", rows, i => i.SubStatus),
        new NpgsqlParameter<int[]>("incidents", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. rows.Select(i => i.IncidentCount)] },
        new NpgsqlParameter<long[]>("journal_count", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. rows.Select(i => i.JournalCount)] },
        Times("created", rows, i => i.CreatedAt),
        Times("updated", rows, i => i.UpdatedAt),
        NullableTimes("finished", rows, i => i.FinishedAt),
        Texts("leased_by", rows, i => i.LeasedBy),
        NullableTimes("lease_until", rows, i => i.LeaseUntil),
        new NpgsqlParameter<string[]>("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { TypedValue = [.. rows.Select(i => i.Data)] },
    ];

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<long> Long(string name, long value) => new(name, NpgsqlDbType.Bigint) { TypedValue = value };

    private static NpgsqlParameter<string?[]> Texts(string name, string?[] values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values };

    private static NpgsqlParameter<string?[]> Texts<T>(string name, List<T> rows, Func<T, string?> column) => Texts(name, [.. rows.Select(column)]);

    // timestamptz takes UTC offsets only.
    private static NpgsqlParameter<DateTimeOffset[]> Times<T>(string name, List<T> rows, Func<T, DateTimeOffset> column) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. rows.Select(r => column(r).ToUniversalTime())] };

    private static NpgsqlParameter<DateTimeOffset?[]> NullableTimes<T>(string name, List<T> rows, Func<T, DateTimeOffset?> column) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. rows.Select(r => column(r)?.ToUniversalTime())] };
}
