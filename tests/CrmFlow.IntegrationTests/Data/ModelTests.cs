using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using CrmProvider = CrmFlow.Crm.Data.DatabaseProvider;
using WorkflowsProvider = CrmFlow.Workflows.Persistence.DatabaseProvider;

namespace CrmFlow.IntegrationTests.Data;

/// <summary>Offline checks of both models on all three providers: no connection is opened.</summary>
public sealed class ModelTests
{
    private const string SqlServerConnection = "Server=localhost;Database=crmflow_offline;User Id=sa;Password=not-used;TrustServerCertificate=True";

    public static TheoryData<string> Providers => ["Sqlite", "PostgreSql", "SqlServer"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Crm_model_has_no_changes_missing_from_its_migrations(string provider)
    {
        using var db = CrmDatabase.Create(Enum.Parse<CrmProvider>(provider), ConnectionFor(provider));

        Assert.False(db.Database.HasPendingModelChanges(), $"Add a {provider} CRM migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Workflows_model_has_no_changes_missing_from_its_migrations(string provider)
    {
        using var db = WorkflowsDatabase.Create(Enum.Parse<WorkflowsProvider>(provider), ConnectionFor(provider));

        Assert.False(db.Database.HasPendingModelChanges(), $"Add a {provider} workflows migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_context_only_sees_its_own_migrations(string provider)
    {
        using var crm = CrmDatabase.Create(Enum.Parse<CrmProvider>(provider), ConnectionFor(provider));
        using var workflows = WorkflowsDatabase.Create(Enum.Parse<WorkflowsProvider>(provider), ConnectionFor(provider));

        Assert.All(crm.Database.GetMigrations(), m => Assert.Contains(provider, MigrationNamespace(crm, m), StringComparison.Ordinal));
        Assert.All(workflows.Database.GetMigrations(), m => Assert.Contains(provider, MigrationNamespace(workflows, m), StringComparison.Ordinal));
    }

    [Fact]
    public void Sql_server_create_script_generates_offline_with_every_table()
    {
        using var crm = CrmDatabase.Create(CrmProvider.SqlServer, SqlServerConnection);
        using var workflows = WorkflowsDatabase.Create(WorkflowsProvider.SqlServer, SqlServerConnection);

        var crmScript = crm.Database.GenerateCreateScript();
        var workflowsScript = workflows.Database.GenerateCreateScript();

        foreach (var table in new[] { "Departments", "Users", "UserRoles", "ApiClients", "ApiClientRoles", "RefreshTokens", "HostSecrets" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", crmScript);
        }

        Assert.Contains("CREATE TABLE [WorkflowDefinitions]", workflowsScript);
        Assert.Contains("CREATE UNIQUE INDEX [IX_WorkflowDefinitions_DefinitionId_Version]", workflowsScript);
    }

    [Fact]
    public void Sql_server_migrations_script_generates_offline()
    {
        using var crm = CrmDatabase.Create(CrmProvider.SqlServer, SqlServerConnection);
        using var workflows = WorkflowsDatabase.Create(WorkflowsProvider.SqlServer, SqlServerConnection);

        var crmScript = crm.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().GenerateScript();
        var workflowsScript = workflows.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().GenerateScript();

        Assert.Contains("[__CrmMigrationsHistory]", crmScript);
        Assert.Contains("[__WorkflowsMigrationsHistory]", workflowsScript);
    }

    private static string MigrationNamespace(DbContext db, string migrationId)
    {
        var assembly = db.GetType().Assembly;
        var type = assembly.GetTypes().Single(t =>
            t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>()
                .Any(a => a.Id == migrationId)
            && t.GetCustomAttributes(typeof(DbContextAttribute), false)
                .Cast<DbContextAttribute>()
                .Any(a => a.ContextType == db.GetType()));
        return type.Namespace!;
    }

    private static string ConnectionFor(string provider) => provider switch
    {
        "Sqlite" => "Data Source=offline.db",
        "PostgreSql" => "Host=localhost;Database=crmflow_offline",
        _ => SqlServerConnection,
    };
}
