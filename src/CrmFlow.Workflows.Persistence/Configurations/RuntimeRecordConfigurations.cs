using CrmFlow.Workflows.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmFlow.Workflows.Persistence.Configurations;

internal sealed class WorkflowInstanceRecordConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(i => i.DefinitionId).HasMaxLength(128).IsRequired();
        builder.Property(i => i.DefinitionVersionId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(256);
        builder.Property(i => i.CorrelationId).HasMaxLength(256);
        builder.Property(i => i.ParentWorkflowInstanceId).HasMaxLength(64);
        builder.Property(i => i.Status).HasMaxLength(16).IsRequired();
        builder.Property(i => i.SubStatus).HasMaxLength(16).IsRequired();
        builder.Property(i => i.LeasedBy).HasMaxLength(128);
        builder.Property(i => i.Data).IsRequired();
        builder.HasIndex(i => new { i.DefinitionId, i.Status });
        // Most instances have no correlation id and no parent: the two lookups index only the rows that have one
        // (an equality on the column implies it is not null, so the partial indexes serve them), which keeps the
        // indexes small and spares every start and finish of an uncorrelated top-level instance two index writes.
        builder.HasIndex(i => i.CorrelationId).HasFilter("\"CorrelationId\" IS NOT NULL");
        builder.HasIndex(i => new { i.Status, i.SubStatus });
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => i.FinishedAt);
        builder.HasIndex(i => i.ParentWorkflowInstanceId).HasFilter("\"ParentWorkflowInstanceId\" IS NOT NULL");
    }
}

internal sealed class BookmarkRecordConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> builder)
    {
        builder.ToTable("WorkflowBookmarks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(b => b.WorkflowInstanceId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.CorrelationId).HasMaxLength(256);
        builder.Property(b => b.Name).HasMaxLength(256).IsRequired();
        builder.Property(b => b.Hash).HasMaxLength(64).IsRequired();
        builder.Property(b => b.ActivityId).HasMaxLength(128).IsRequired();
        builder.Property(b => b.ActivityInstanceId).HasMaxLength(128).IsRequired();
        builder.HasIndex(b => b.Hash);
        builder.HasIndex(b => b.WorkflowInstanceId);
    }
}

internal sealed class TriggerRecordConfiguration : IEntityTypeConfiguration<TriggerRecord>
{
    public void Configure(EntityTypeBuilder<TriggerRecord> builder)
    {
        builder.ToTable("WorkflowTriggers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(t => t.DefinitionId).HasMaxLength(128).IsRequired();
        builder.Property(t => t.DefinitionVersionId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.ActivityId).HasMaxLength(128).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(256).IsRequired();
        builder.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.Hash);
        builder.HasIndex(t => t.Name);
        builder.HasIndex(t => t.DefinitionId);
    }
}

internal sealed class JournalRecordConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> builder)
    {
        builder.ToTable("WorkflowJournal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(j => j.WorkflowInstanceId).HasMaxLength(64).IsRequired();
        builder.Property(j => j.EventName).HasMaxLength(32).IsRequired();
        builder.Property(j => j.ActivityInstanceId).HasMaxLength(128).IsRequired();
        builder.Property(j => j.ParentActivityInstanceId).HasMaxLength(128);
        builder.Property(j => j.ActivityId).HasMaxLength(128).IsRequired();
        builder.Property(j => j.ActivityType).HasMaxLength(256).IsRequired();
        builder.Property(j => j.ActivityName).HasMaxLength(256);
        builder.Property(j => j.BookmarkId).HasMaxLength(64);
        builder.HasIndex(j => new { j.WorkflowInstanceId, j.Sequence }).IsUnique();

        // Only the rows that name a bookmark (a suspension and its resume: two of about ten per wait) are indexed, for
        // "was this bookmark already resumed?"; the others would only add an index entry to every journal insert.
        builder.HasIndex(j => j.BookmarkId).HasFilter("\"BookmarkId\" IS NOT NULL");
    }
}

internal sealed class IncidentRecordConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> builder)
    {
        builder.ToTable("WorkflowIncidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(i => i.WorkflowInstanceId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.ActivityId).HasMaxLength(128).IsRequired();
        builder.Property(i => i.ActivityNodeId).HasMaxLength(512);
        builder.Property(i => i.ActivityType).HasMaxLength(256).IsRequired();
        builder.Property(i => i.Message).IsRequired();
        builder.Property(i => i.ExceptionType).HasMaxLength(512);
        builder.HasIndex(i => i.WorkflowInstanceId);
    }
}

internal sealed class ScheduledTimerRecordConfiguration : IEntityTypeConfiguration<ScheduledTimerRecord>
{
    public void Configure(EntityTypeBuilder<ScheduledTimerRecord> builder)
    {
        builder.ToTable("WorkflowTimers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(t => t.WorkflowInstanceId).HasMaxLength(64);
        builder.Property(t => t.BookmarkId).HasMaxLength(64);
        builder.Property(t => t.DefinitionId).HasMaxLength(128);
        builder.Property(t => t.TriggerId).HasMaxLength(64);
        builder.Property(t => t.ActivityId).HasMaxLength(128);
        builder.Property(t => t.CronExpression).HasMaxLength(128);
        builder.Property(t => t.Interval).HasMaxLength(64);
        builder.Property(t => t.LeasedBy).HasMaxLength(128);
        builder.HasIndex(t => t.DueAt);
        builder.HasIndex(t => t.WorkflowInstanceId);
        builder.HasIndex(t => t.DefinitionId);

        // A commit that consumes or drops a timer bookmark deletes its timer by bookmark id; start triggers have none.
        builder.HasIndex(t => t.BookmarkId).HasFilter("\"BookmarkId\" IS NOT NULL");
    }
}

internal sealed class WorkflowFileImportRecordConfiguration : IEntityTypeConfiguration<WorkflowFileImportRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowFileImportRecord> builder)
    {
        builder.ToTable("WorkflowFileImports");
        builder.HasKey(f => f.DefinitionId);
        builder.Property(f => f.DefinitionId).HasMaxLength(128);
        builder.Property(f => f.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(f => f.DefinitionVersionId).HasMaxLength(64).IsRequired();
    }
}
