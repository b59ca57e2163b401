using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;

namespace CrmFlow.Crm.Data;

/// <summary>The database engine, chosen explicitly in configuration (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>
/// Section <c>Database</c>, plus the connection string <c>ConnectionStrings:CrmFlow</c>
/// (copied into <see cref="ConnectionString"/>; SQLite falls back to <see cref="DefaultSqliteConnectionString"/>).
/// </summary>
internal sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "CrmFlow";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/crmflow.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the host starts (default on).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Resolved connection string; a relative SQLite file is made absolute under the content root.</summary>
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

    /// <summary>
    /// Fills <see cref="ConnectionString"/> from <paramref name="configured"/>; for SQLite, defaults it and
    /// anchors a relative file under <paramref name="contentRoot"/>.
    /// </summary>
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
