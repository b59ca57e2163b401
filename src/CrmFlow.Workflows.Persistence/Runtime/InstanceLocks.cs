using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using CrmFlow.Workflows.Runtime;
using Medallion.Threading.Postgres;
using Microsoft.Data.SqlClient;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>In-process per-instance locks: SQLite is single-host.</summary>
internal sealed class InProcessInstanceLock : IWorkflowInstanceLock
{
    private readonly ConcurrentDictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var entry = _locks.GetOrAdd(instanceId, _ => new Entry());
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;
                }

                entry.Users++;
            }

            if (await entry.Semaphore.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            {
                return new Releaser(this, instanceId, entry);
            }

            Release(instanceId, entry, held: false);
            throw new TimeoutException($"Timed out waiting for the lock of workflow instance {instanceId}.");
        }
    }

    private void Release(string instanceId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (entry)
        {
            entry.Users--;
            if (entry.Users == 0)
            {
                entry.Removed = true;
                _locks.TryRemove(new KeyValuePair<string, Entry>(instanceId, entry));
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Removed { get; set; }
    }

    private sealed class Releaser(InProcessInstanceLock owner, string instanceId, Entry entry) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(instanceId, entry, held: true);
            }

            return default;
        }
    }
}

/// <summary>
/// PostgreSQL advisory locks, one key per instance. Waiting for a lock goes through DistributedLock.Postgres (a
/// session-level lock on a connection of its own). The runtime's common case, a lock nobody holds, is also taken
/// without it: <see cref="TryTransactionLock"/> inside the query that reads the instance, as a transaction-level lock
/// on a connection the runtime opens for that read, released when that transaction ends (see <c>WorkflowRuntime</c>). Both use the
/// same key (<see cref="TransactionKey"/>), and PostgreSQL's session- and transaction-level advisory locks on one key
/// exclude each other across sessions, so an instance is locked by one of them at a time.
/// </summary>
internal sealed class PostgresInstanceLock(string connectionString) : IWorkflowInstanceLock
{
    public async ValueTask<IAsyncDisposable> AcquireAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var handle = await new PostgresDistributedLock(KeyOf(instanceId), connectionString).TryAcquireAsync(timeout, cancellationToken).ConfigureAwait(false);
        return handle ?? throw new TimeoutException($"Timed out waiting for the lock of workflow instance {instanceId}.");
    }

    /// <summary>
    /// The 64-bit key DistributedLock locks for <paramref name="instanceId"/> (<c>pg_advisory_lock(bigint)</c>), or null
    /// when its key is a pair of 32-bit values instead (names of nine ASCII characters or fewer, never a generated
    /// instance id; those instances only take the lock through DistributedLock).
    /// </summary>
    public static long? TransactionKey(string instanceId)
    {
        // The key's text form round-trips (the library's contract): sixteen hex digits for a single 64-bit key.
        var text = KeyOf(instanceId).ToString();
        return text.Length == 16 && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key) ? key : null;
    }

    /// <summary>
    /// <c>pg_try_advisory_xact_lock(key)</c> in a query (mapped by the PostgreSQL workflow context): takes the lock for
    /// the current transaction if no other session holds it; never waits.
    /// </summary>
    public static bool TryTransactionLock(long key) => throw new NotSupportedException("Only for use in a query on PostgreSQL.");

    private static PostgresAdvisoryLockKey KeyOf(string instanceId) => new("wf:" + instanceId, allowHashing: true);
}

/// <summary>SQL Server application locks (<c>sp_getapplock</c>, session owner) on a dedicated connection.</summary>
internal sealed class SqlServerInstanceLock(string connectionString) : IWorkflowInstanceLock
{
    public async ValueTask<IAsyncDisposable> AcquireAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "sp_getapplock";
                command.CommandType = CommandType.StoredProcedure;
                command.Parameters.AddWithValue("@Resource", "crmflow-wf:" + instanceId);
                command.Parameters.AddWithValue("@LockMode", "Exclusive");
                command.Parameters.AddWithValue("@LockOwner", "Session");
                command.Parameters.AddWithValue("@LockTimeout", (int)timeout.TotalMilliseconds);
                var result = command.Parameters.Add("@Result", SqlDbType.Int);
                result.Direction = ParameterDirection.ReturnValue;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if ((int)result.Value < 0)
                {
                    throw new TimeoutException($"Timed out waiting for the lock of workflow instance {instanceId} (sp_getapplock returned {result.Value}).");
                }
            }

            return new Handle(connection, instanceId);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Handle(SqlConnection connection, string instanceId) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "sp_releaseapplock";
                    command.CommandType = CommandType.StoredProcedure;
                    command.Parameters.AddWithValue("@Resource", "crmflow-wf:" + instanceId);
                    command.Parameters.AddWithValue("@LockOwner", "Session");
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                // Closing the session releases the lock in any case.
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
