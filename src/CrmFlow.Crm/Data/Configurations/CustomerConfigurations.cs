using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmFlow.Crm.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(32).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Industry).HasMaxLength(64);
        builder.Property(c => c.Region).HasMaxLength(64);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.OwnerId);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Permissions).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Permissions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CustomerPermissionConfiguration : IEntityTypeConfiguration<CustomerPermission>
{
    public void Configure(EntityTypeBuilder<CustomerPermission> builder)
    {
        builder.ToTable("CustomerPermissions");
        builder.HasKey(p => new { p.CustomerId, p.UserId });
        builder.HasIndex(p => p.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(128).IsRequired();
        builder.Property(c => c.Title).HasMaxLength(128);
        builder.Property(c => c.Phone).HasMaxLength(64);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.HasIndex(c => c.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("LedgerEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ExternalId).HasMaxLength(128).IsRequired();
        builder.Property(e => e.Amount).HasPrecision(18, 2);
        builder.Property(e => e.Currency).HasMaxLength(3).IsRequired();
        builder.Property(e => e.Reference).HasMaxLength(200);
        builder.Ignore(e => e.Content);
        builder.HasIndex(e => new { e.ClientId, e.Kind, e.ExternalId }).IsUnique();
        builder.HasIndex(e => new { e.CustomerId, e.Kind, e.Date });

        // The value pyramid's run: every customer's sums, counts and dates per kind over a period, read from the
        // index alone, in group order (kind, then customer), with no table lookups and no sort.
        builder.HasIndex(e => new { e.Kind, e.CustomerId, e.Date, e.Amount });
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
