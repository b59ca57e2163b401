using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace CrmFlow.Benchmarks.Volume;

/// <summary>
/// Fast seeding of one table, bypassing EF Core: on SQLite one prepared INSERT reused for every row inside one
/// transaction, on PostgreSQL a binary COPY. Values are written in each provider's storage format as the EF Core
/// model maps them (SQLite: GUIDs as upper-case text, instants as the binary-converted integer, dates and decimals
/// as text; PostgreSQL: uuid, timestamptz in UTC, date, numeric).
/// </summary>
internal abstract class BulkTable : IAsyncDisposable
{
    public long Rows { get; private set; }

    public static async Task<BulkTable> OpenAsync(BenchDatabase database, string table, params string[] columns)
    {
        var columnList = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (database.IsSqlite)
        {
            var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            var transaction = connection.BeginTransaction();
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table}\" ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            }

            command.Prepare();
            return new SqliteBulkTable(connection, transaction, command);
        }

        var npgsql = new NpgsqlConnection(database.ConnectionString);
        await npgsql.OpenAsync();
        var importer = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({columnList}) FROM STDIN (FORMAT BINARY)");
        importer.Timeout = TimeSpan.FromMinutes(30); // completing a COPY of millions of rows updates every index
        return new PostgresBulkTable(npgsql, importer);
    }

    public async ValueTask AddAsync(params object?[] values)
    {
        await WriteAsync(values);
        Rows++;
    }

    /// <summary>Commits (SQLite) or finishes the COPY (PostgreSQL); without it the rows are discarded.</summary>
    public abstract ValueTask CompleteAsync();

    public abstract ValueTask DisposeAsync();

    protected abstract ValueTask WriteAsync(object?[] values);

    private sealed class SqliteBulkTable(SqliteConnection connection, SqliteTransaction transaction, SqliteCommand command) : BulkTable
    {
        private static readonly ValueConverter<DateTimeOffset, long> Instant = new DateTimeOffsetToBinaryConverter();

        public override async ValueTask CompleteAsync() => await transaction.CommitAsync();

        public override async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }

        protected override ValueTask WriteAsync(object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateTimeOffset at => Instant.ConvertToProvider(at),
                    DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    decimal d => d.ToString("0.0###########################", CultureInfo.InvariantCulture),
                    bool b => b ? 1L : 0L,
                    var other => other,
                };
            }

            command.ExecuteNonQuery();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresBulkTable(NpgsqlConnection connection, NpgsqlBinaryImporter importer) : BulkTable
    {
        public override async ValueTask CompleteAsync() => await importer.CompleteAsync();

        public override async ValueTask DisposeAsync()
        {
            await importer.DisposeAsync();
            await connection.DisposeAsync();
        }

        protected override async ValueTask WriteAsync(object?[] values)
        {
            await importer.StartRowAsync();
            foreach (var value in values)
            {
                switch (value)
                {
                    case null:
                        await importer.WriteNullAsync();
                        break;
                    case Guid g:
                        await importer.WriteAsync(g, NpgsqlDbType.Uuid);
                        break;
                    case string s:
                        await importer.WriteAsync(s, NpgsqlDbType.Text);
                        break;
                    case DateTimeOffset at:
                        await importer.WriteAsync(at.UtcDateTime, NpgsqlDbType.TimestampTz);
                        break;
                    case DateOnly date:
                        await importer.WriteAsync(date, NpgsqlDbType.Date);
                        break;
                    case decimal d:
                        await importer.WriteAsync(d, NpgsqlDbType.Numeric);
                        break;
                    case int n:
                        await importer.WriteAsync(n, NpgsqlDbType.Integer);
                        break;
                    case long n:
                        await importer.WriteAsync(n, NpgsqlDbType.Bigint);
                        break;
                    case bool b:
                        await importer.WriteAsync(b, NpgsqlDbType.Boolean);
                        break;
                    default:
                        throw new NotSupportedException($"No COPY mapping for {value.GetType()}.");
                }
            }
        }
    }
}
