using System.Globalization;

namespace CrmFlow.Benchmarks.Volume;

/// <summary>Parses <c>sqlite|postgresql [connection string]</c>, creates a fresh database, runs a benchmark on it and drops it.</summary>
internal static class VolumeCommand
{
    /// <summary>The PostgreSQL server used when no connection string is given (a base connection string; databases are created on it).</summary>
    public const string PostgresVariable = "CRMFLOW_BENCH_POSTGRES";

    public static async Task<int> RunAsync(string[] args, Func<BenchDatabase, Task> benchmark)
    {
        if (args.Length == 0 || args[0] is not ("sqlite" or "postgresql"))
        {
            await Console.Error.WriteLineAsync(
                $"usage: inbox|pyramid sqlite|postgresql [PostgreSQL connection string, default ${PostgresVariable} or $CRMFLOW_TEST_POSTGRES]");
            return 2;
        }

        BenchDatabase database;
        if (args[0] == "sqlite")
        {
            database = BenchDatabase.CreateSqlite();
        }
        else
        {
            var server = args.Length > 1 ? args[1]
                : Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } bench ? bench
                : Environment.GetEnvironmentVariable("CRMFLOW_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(server))
            {
                await Console.Error.WriteLineAsync($"postgresql needs a connection string (argument or ${PostgresVariable}).");
                return 2;
            }

            database = await BenchDatabase.CreatePostgresAsync(server);
        }

        await using (database)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTimeOffset.UtcNow:u} {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, {database.Describe()}"));
            await benchmark(database);
        }

        return 0;
    }
}
