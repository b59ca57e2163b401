using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Data;

/// <summary>Provider wiring for <see cref="CrmDbContext"/>: one place for runtime, design time and tests.</summary>
internal static class CrmDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(
                connectionString, o => o.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(
                PostgreSqlConnectionTuning.Apply(connectionString), o => o.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(
                connectionString, o => o.MigrationsHistoryTable(CrmDbContext.MigrationsHistoryTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>Creates a context for <paramref name="provider"/> without DI (design time, tests).</summary>
    public static CrmDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteCrmDbContext(Options<SqliteCrmDbContext>(provider, connectionString)),
        DatabaseProvider.PostgreSql => new PostgreSqlCrmDbContext(Options<PostgreSqlCrmDbContext>(provider, connectionString)),
        DatabaseProvider.SqlServer => new SqlServerCrmDbContext(Options<SqlServerCrmDbContext>(provider, connectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>The context for the configured provider, resolved per scope.</summary>
    public static CrmDbContext Resolve(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Sqlite => services.GetRequiredService<SqliteCrmDbContext>(),
            DatabaseProvider.PostgreSql => services.GetRequiredService<PostgreSqlCrmDbContext>(),
            DatabaseProvider.SqlServer => services.GetRequiredService<SqlServerCrmDbContext>(),
            var other => throw new InvalidOperationException($"Unknown database provider {other}."),
        };

    /// <summary>
    /// Registers the three provider contexts (configured lazily) and the base type. Pooled, like the workflow
    /// context: a request that touches the CRM (even one whose API key comes from the cache) resolves a context, and
    /// building one per scope (its options, its internal services) cost more CPU than many of the queries.
    /// </summary>
    public static void AddCrmDbContexts(this IServiceCollection services)
    {
        services.AddDbContextPool<SqliteCrmDbContext>(ConfigureFromOptions);
        services.AddDbContextPool<PostgreSqlCrmDbContext>(ConfigureFromOptions);
        services.AddDbContextPool<SqlServerCrmDbContext>(ConfigureFromOptions);
        services.AddScoped(Resolve);
    }

    /// <summary>Creates the folder of a SQLite database file, if any.</summary>
    public static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.IsPathRooted(dataSource) ? Path.GetDirectoryName(dataSource) : null;
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static void ConfigureFromOptions(IServiceProvider services, DbContextOptionsBuilder builder)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Configure(builder, options.Provider, options.ConnectionString!);
    }

    private static DbContextOptions<TContext> Options<TContext>(DatabaseProvider provider, string connectionString)
        where TContext : DbContext =>
        (DbContextOptions<TContext>)Configure(new DbContextOptionsBuilder<TContext>(), provider, connectionString).Options;
}

// Design-time factories for `dotnet ef migrations add … --context <Provider>CrmDbContext`.
// The connection strings are placeholders: generating migrations never connects.
internal sealed class SqliteCrmDbContextFactory : IDesignTimeDbContextFactory<SqliteCrmDbContext>
{
    public SqliteCrmDbContext CreateDbContext(string[] args) =>
        (SqliteCrmDbContext)CrmDatabase.Create(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}

internal sealed class PostgreSqlCrmDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlCrmDbContext>
{
    public PostgreSqlCrmDbContext CreateDbContext(string[] args) =>
        (PostgreSqlCrmDbContext)CrmDatabase.Create(DatabaseProvider.PostgreSql, "Host=localhost;Database=crmflow_design");
}

internal sealed class SqlServerCrmDbContextFactory : IDesignTimeDbContextFactory<SqlServerCrmDbContext>
{
    public SqlServerCrmDbContext CreateDbContext(string[] args) =>
        (SqlServerCrmDbContext)CrmDatabase.Create(DatabaseProvider.SqlServer, "Server=localhost;Database=crmflow_design;Trusted_Connection=True;TrustServerCertificate=True");
}
