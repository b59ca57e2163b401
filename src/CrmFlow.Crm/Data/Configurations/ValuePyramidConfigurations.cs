using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Domain.ValuePyramid;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmFlow.Crm.Data.Configurations;

internal sealed class PyramidModelConfiguration : IEntityTypeConfiguration<PyramidModel>
{
    public void Configure(EntityTypeBuilder<PyramidModel> builder)
    {
        builder.ToTable("PyramidModels");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Name).HasMaxLength(100).IsRequired();
        builder.Property(m => m.Metric).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.RevenueBasis).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.TierRule).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LoyaltyActivityWeight).HasPrecision(18, 4);
        builder.Property(m => m.LoyaltyTransactionWeight).HasPrecision(18, 4);
        builder.Ignore(m => m.LoyaltyWeights);
        builder.Ignore(m => m.Spec);
        builder.HasIndex(m => m.Name).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.OwnsMany(m => m.Tiers, tier =>
        {
            tier.ToTable("PyramidModelTiers");
            tier.WithOwner().HasForeignKey("ModelId");
            tier.HasKey("ModelId", nameof(PyramidTierDefinition.Position));
            tier.Property(t => t.Position).ValueGeneratedNever();
            tier.Property(t => t.Name).HasMaxLength(32).IsRequired();
            tier.Property(t => t.SharePercent).HasPrecision(9, 4);
            tier.Property(t => t.LowerBound).HasPrecision(18, 4);
        });
        builder.Navigation(m => m.Tiers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PyramidSnapshotConfiguration : IEntityTypeConfiguration<PyramidSnapshot>
{
    public void Configure(EntityTypeBuilder<PyramidSnapshot> builder)
    {
        builder.ToTable("PyramidSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TierOrder).HasMaxLength(2000).IsRequired();
        builder.Ignore(s => s.TierNames);
        builder.HasIndex(s => new { s.ModelId, s.PeriodTo }).IsUnique();
        builder.HasOne<PyramidModel>().WithMany().HasForeignKey(s => s.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Entries).WithOne().HasForeignKey(e => e.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PyramidSnapshotEntryConfiguration : IEntityTypeConfiguration<PyramidSnapshotEntry>
{
    public void Configure(EntityTypeBuilder<PyramidSnapshotEntry> builder)
    {
        builder.ToTable("PyramidSnapshotEntries");
        builder.HasKey(e => new { e.SnapshotId, e.CustomerId });
        builder.Property(e => e.Tier).HasMaxLength(32).IsRequired();
        builder.Property(e => e.Value).HasPrecision(28, 6);
        builder.HasIndex(e => e.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
