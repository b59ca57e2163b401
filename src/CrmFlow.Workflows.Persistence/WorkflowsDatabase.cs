using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence;

/// <summary>Provider wiring for <see cref="WorkflowsDbContext"/>: runtime, design time and tests.</summary>
internal static class WorkflowsDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(
                connectionString, o => o.MigrationsHistoryTable(WorkflowsDbContext.MigrationsHistoryTable)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(
                PostgreSqlConnectionTuning.Apply(connectionString), o => o.MigrationsHistoryTable(WorkflowsDbContext.MigrationsHistoryTable)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(
                connectionString, o => o.MigrationsHistoryTable(WorkflowsDbContext.MigrationsHistoryTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    public static WorkflowsDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteWorkflowsDbContext(Options<SqliteWorkflowsDbContext>(provider, connectionString)),
        DatabaseProvider.PostgreSql => new PostgreSqlWorkflowsDbContext(Options<PostgreSqlWorkflowsDbContext>(provider, connectionString)),
        DatabaseProvider.SqlServer => new SqlServerWorkflowsDbContext(Options<SqlServerWorkflowsDbContext>(provider, connectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    public static WorkflowsDbContext Resolve(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Sqlite => services.GetRequiredService<SqliteWorkflowsDbContext>(),
            DatabaseProvider.PostgreSql => services.GetRequiredService<PostgreSqlWorkflowsDbContext>(),
            DatabaseProvider.SqlServer => services.GetRequiredService<SqlServerWorkflowsDbContext>(),
            var other => throw new InvalidOperationException($"Unknown database provider {other}."),
        };

    public static void AddWorkflowsDbContexts(this IServiceCollection services)
    {
        // Pooled: every workflow request and commit batch uses a context; building one per scope (options,
        // internal services) cost more CPU than the queries themselves.
        services.AddDbContextPool<SqliteWorkflowsDbContext>(ConfigureFromOptions);
        services.AddDbContextPool<PostgreSqlWorkflowsDbContext>(ConfigureFromOptions);
        services.AddDbContextPool<SqlServerWorkflowsDbContext>(ConfigureFromOptions);
        services.AddScoped(Resolve);
    }

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

// Design-time factories for `dotnet ef migrations add … --context <Provider>WorkflowsDbContext`;
// placeholder connection strings, never opened.
internal sealed class SqliteWorkflowsDbContextFactory : IDesignTimeDbContextFactory<SqliteWorkflowsDbContext>
{
    public SqliteWorkflowsDbContext CreateDbContext(string[] args) =>
        (SqliteWorkflowsDbContext)WorkflowsDatabase.Create(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}

internal sealed class PostgreSqlWorkflowsDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlWorkflowsDbContext>
{
    public PostgreSqlWorkflowsDbContext CreateDbContext(string[] args) =>
        (PostgreSqlWorkflowsDbContext)WorkflowsDatabase.Create(DatabaseProvider.PostgreSql, "Host=localhost;Database=crmflow_design");
}

internal sealed class SqlServerWorkflowsDbContextFactory : IDesignTimeDbContextFactory<SqlServerWorkflowsDbContext>
{
    public SqlServerWorkflowsDbContext CreateDbContext(string[] args) =>
        (SqlServerWorkflowsDbContext)WorkflowsDatabase.Create(DatabaseProvider.SqlServer, "Server=localhost;Database=crmflow_design;Trusted_Connection=True;TrustServerCertificate=True");
}
