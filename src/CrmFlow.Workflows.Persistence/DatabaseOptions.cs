using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;

namespace CrmFlow.Workflows.Persistence;

/// <summary>
/// The database engine, chosen explicitly in configuration (<c>Database:Provider</c>). The CRM module
/// reads the same section; the engine's persistence keeps its own copy so it depends on no CRM code.
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>Section <c>Database</c> plus <c>ConnectionStrings:CrmFlow</c> (see <see cref="ResolveConnectionString"/>).</summary>
internal sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "CrmFlow";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/crmflow.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public bool MigrateOnStartup { get; set; } = true;

    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult(
                "Database:Provider must be Sqlite, PostgreSql or SqlServer.", [nameof(Provider)]);
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"ConnectionStrings:{ConnectionStringName} is required for provider {Provider}.", [nameof(ConnectionString)]);
        }
    }

    /// <summary>Takes the configured connection string; SQLite defaults it and anchors a relative file under the content root.</summary>
    public void ResolveConnectionString(string? configured, string contentRoot)
    {
        ConnectionString = string.IsNullOrWhiteSpace(configured) ? null : configured;
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString ?? DefaultSqliteConnectionString);
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory
            || string.Equals(dataSource, ":memory:", StringComparison.OrdinalIgnoreCase);
        if (!inMemory && !string.IsNullOrEmpty(dataSource) && !Path.IsPathRooted(dataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
        }

        ConnectionString = builder.ToString();
    }
}
