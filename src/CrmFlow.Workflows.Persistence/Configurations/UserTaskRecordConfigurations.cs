using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmFlow.Workflows.Persistence.Configurations;

internal sealed class UserTaskRecordConfiguration : IEntityTypeConfiguration<UserTaskRecord>
{
    public void Configure(EntityTypeBuilder<UserTaskRecord> builder)
    {
        builder.ToTable("UserTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(t => t.WorkflowInstanceId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.DefinitionId).HasMaxLength(128).IsRequired();
        builder.Property(t => t.ProcessName).HasMaxLength(256);
        builder.Property(t => t.ActivityId).HasMaxLength(128).IsRequired();
        builder.Property(t => t.Title).HasMaxLength(512).IsRequired();
        builder.Property(t => t.Status).HasMaxLength(16).IsRequired();
        builder.Property(t => t.Assignee).HasMaxLength(64);
        builder.Property(t => t.SubjectId).HasMaxLength(64);
        builder.Property(t => t.Reference).HasMaxLength(128);
        builder.Property(t => t.CompletedBy).HasMaxLength(64);
        builder.Property(t => t.Outcome).HasMaxLength(128);
        builder.Property(t => t.Spec).IsRequired();
        builder.Property(t => t.Revision).IsConcurrencyToken();

        // The inbox queries (docs/benchmarks.md measures them on 100,000 open tasks): my tasks (assignee + status, by
        // due or priority, counted with the overdue ones from the same index); one status (by due, or by priority then
        // due and id, read in order); my groups' tasks come from the candidate index (see below); everything open, or
        // open of one process, by due or by priority, overdue or not (led by IsOpen: an equality, so the rows come in
        // order from the index whatever the planner's statistics say); an instance's current tasks, a customer's
        // tasks, my history.
        builder.HasIndex(t => new { t.Assignee, t.Status, t.DueAt });
        builder.HasIndex(t => new { t.Assignee, t.Status, t.Priority });
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => new { t.Status, t.Priority, t.DueAt, t.Id }).IsDescending(false, true, false, false);
        builder.HasIndex(t => new { t.IsOpen, t.DueAt, t.Id });
        builder.HasIndex(t => new { t.IsOpen, t.Priority, t.DueAt, t.Id }).IsDescending(false, true, false, false);
        builder.HasIndex(t => new { t.IsOpen, t.DefinitionId, t.DueAt, t.Id });
        builder.HasIndex(t => new { t.IsOpen, t.DefinitionId, t.Priority, t.DueAt, t.Id }).IsDescending(false, false, true, false, false);
        builder.HasIndex(t => t.WorkflowInstanceId);
        builder.HasIndex(t => t.SubjectId);
        builder.HasIndex(t => new { t.CompletedBy, t.CompletedAt });
    }
}

internal sealed class UserTaskCandidateRecordConfiguration : IEntityTypeConfiguration<UserTaskCandidateRecord>
{
    public void Configure(EntityTypeBuilder<UserTaskCandidateRecord> builder)
    {
        builder.ToTable("UserTaskCandidates");
        builder.HasKey(c => new { c.TaskId, c.Value });
        builder.Property(c => c.TaskId).HasMaxLength(64);
        builder.Property(c => c.Value).HasMaxLength(128);

        // My groups: the claimable rows of my user key and my role keys, by due time, with the task id and priority —
        // the group count, its overdue part and the due-ordered page come from this index alone.
        builder.HasIndex(c => new { c.Value, c.Claimable, c.DueAt, c.TaskId, c.Priority });
    }
}

internal sealed class UserTaskTallyRecordConfiguration : IEntityTypeConfiguration<UserTaskTallyRecord>
{
    public void Configure(EntityTypeBuilder<UserTaskTallyRecord> builder)
    {
        builder.ToTable("UserTaskTallies");
        builder.HasKey(t => new { t.Status, t.Slot });
        builder.Property(t => t.Status).HasMaxLength(16);
        builder.Property(t => t.Slot).ValueGeneratedNever();

        // Every slot of both open statuses exists from the start: a change is an UPDATE of a known row.
        builder.HasData(UserTaskTally.Statuses.SelectMany(status =>
            Enumerable.Range(0, UserTaskTally.Slots).Select(slot => new UserTaskTallyRecord { Status = status, Slot = slot, Count = 0 })));
    }
}

internal sealed class UserTaskCommentRecordConfiguration : IEntityTypeConfiguration<UserTaskCommentRecord>
{
    public void Configure(EntityTypeBuilder<UserTaskCommentRecord> builder)
    {
        builder.ToTable("UserTaskComments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(c => c.TaskId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Author).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(4000).IsRequired();
        builder.HasIndex(c => new { c.TaskId, c.CreatedAt });
    }
}

internal sealed class UserTaskEventRecordConfiguration : IEntityTypeConfiguration<UserTaskEventRecord>
{
    public void Configure(EntityTypeBuilder<UserTaskEventRecord> builder)
    {
        builder.ToTable("UserTaskEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(e => e.TaskId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Kind).HasMaxLength(32).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => new { e.TaskId, e.At });
    }
}
