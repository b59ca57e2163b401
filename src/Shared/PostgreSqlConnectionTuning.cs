using System.Data.Common;
using Npgsql;

namespace CrmFlow;

/// <summary>
/// Connection-string defaults for the EF Core contexts on PostgreSQL (compiled into the CRM and the workflow
/// persistence assemblies). Both send the same few statements all day over short uses of pooled connections: unless
/// the configured connection string says otherwise, the most used statements are prepared once per connection
/// (<c>Max Auto Prepare</c>) and a connection going back to the pool is not reset (<c>No Reset On Close</c>: the
/// contexts keep no session state — the workflow instance locks use connections of their own — so the reset was
/// seven statements per use for nothing).
/// </summary>
internal static class PostgreSqlConnectionTuning
{
    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(connectionString, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!Sets(connectionString, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether the string sets <paramref name="key"/> (with or without its spaces, in any case).</summary>
    private static bool Sets(string connectionString, string key)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(k => string.Equals(
            k.Replace(" ", string.Empty, StringComparison.Ordinal), key.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }
}
