using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmFlow.Crm.Data.Configurations;

internal sealed class ComplaintReasonConfiguration : IEntityTypeConfiguration<ComplaintReason>
{
    public void Configure(EntityTypeBuilder<ComplaintReason> builder)
    {
        builder.ToTable("ComplaintReasons");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Code).HasMaxLength(32).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(128).IsRequired();
        builder.HasIndex(r => r.Code).IsUnique();
    }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ToTable("Complaints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ContactName).HasMaxLength(128);
        builder.Property(c => c.TargetType).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.TargetName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Details).HasMaxLength(4000).IsRequired();
        builder.Property(c => c.Channel).HasMaxLength(64);
        builder.Property(c => c.WorkflowInstanceId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.HandlingResult).HasMaxLength(4000);
        builder.Property(c => c.SupervisionResult).HasMaxLength(4000);
        builder.HasIndex(c => new { c.Status, c.StepDueAt });
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => c.WorkflowInstanceId).IsUnique();
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ComplaintReason>().WithMany().HasForeignKey(c => c.ReasonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.HandlerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(32).IsRequired();
        builder.Property(n => n.Message).HasMaxLength(1000).IsRequired();
        builder.Property(n => n.Reference).HasMaxLength(128);
        builder.Property(n => n.Link).HasMaxLength(256);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
