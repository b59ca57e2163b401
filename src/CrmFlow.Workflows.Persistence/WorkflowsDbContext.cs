using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmFlow.Workflows.Persistence;

/// <summary>
/// The workflow engine's tables. Stores inject this base type; one derived context per provider owns
/// that provider's migrations (<c>Migrations/&lt;Provider&gt;/</c>).
/// </summary>
internal abstract class WorkflowsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__WorkflowsMigrationsHistory";

    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();

    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();

    public DbSet<TriggerRecord> Triggers => Set<TriggerRecord>();

    public DbSet<JournalRecord> Journal => Set<JournalRecord>();

    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    public DbSet<ScheduledTimerRecord> Timers => Set<ScheduledTimerRecord>();

    public DbSet<WorkflowFileImportRecord> FileImports => Set<WorkflowFileImportRecord>();

    public DbSet<UserTaskRecord> UserTasks => Set<UserTaskRecord>();

    public DbSet<UserTaskCandidateRecord> UserTaskCandidates => Set<UserTaskCandidateRecord>();

    public DbSet<UserTaskTallyRecord> UserTaskTallies => Set<UserTaskTallyRecord>();

    public DbSet<UserTaskCommentRecord> UserTaskComments => Set<UserTaskCommentRecord>();

    public DbSet<UserTaskEventRecord> UserTaskEvents => Set<UserTaskEventRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowsDbContext).Assembly);
    }
}

internal sealed class SqliteWorkflowsDbContext(DbContextOptions<SqliteWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type: store instants as sortable, comparable integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgreSqlWorkflowsDbContext(DbContextOptions<PostgreSqlWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<WorkflowDefinitionRecord>().Property(d => d.Data).HasColumnType("jsonb");
        modelBuilder.Entity<WorkflowInstanceRecord>().Property(d => d.Data).HasColumnType("jsonb");
        modelBuilder.HasDbFunction(typeof(PostgresInstanceLock).GetMethod(nameof(PostgresInstanceLock.TryTransactionLock))!)
            .HasName("pg_try_advisory_xact_lock")
            .IsBuiltIn();
    }
}

internal sealed class SqlServerWorkflowsDbContext(DbContextOptions<SqlServerWorkflowsDbContext> options) : WorkflowsDbContext(options);
