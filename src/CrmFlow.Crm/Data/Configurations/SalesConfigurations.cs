using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Domain.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmFlow.Crm.Data.Configurations;

internal sealed class SalesModeConfiguration : IEntityTypeConfiguration<SalesMode>
{
    public void Configure(EntityTypeBuilder<SalesMode> builder)
    {
        builder.ToTable("SalesModes");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Code).HasMaxLength(32).IsRequired();
        builder.Property(m => m.Name).HasMaxLength(128).IsRequired();
        builder.HasIndex(m => m.Code).IsUnique();
        builder.Ignore(m => m.OrderedStages);
        builder.HasMany(m => m.Stages).WithOne().HasForeignKey(s => s.SalesModeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Stages).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SalesStageConfiguration : IEntityTypeConfiguration<SalesStage>
{
    public void Configure(EntityTypeBuilder<SalesStage> builder)
    {
        builder.ToTable("SalesStages");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(128).IsRequired();
        builder.Property(s => s.AverageMonths).HasPrecision(9, 4);
        builder.Property(s => s.WinProbability).HasPrecision(5, 4);
        builder.Property(s => s.Conversion).HasPrecision(5, 4);
        builder.Property(s => s.Gates).HasMaxLength(256).IsRequired();
        builder.Ignore(s => s.GateList);
        builder.HasIndex(s => new { s.SalesModeId, s.Order }).IsUnique();
    }
}

internal sealed class IntentConfiguration : IEntityTypeConfiguration<Intent>
{
    public void Configure(EntityTypeBuilder<Intent> builder)
    {
        builder.ToTable("Intents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Product).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Source).HasMaxLength(128);
        builder.Property(i => i.Description).HasMaxLength(2000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(i => i.CustomerId);
        builder.HasIndex(i => i.Status);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Opportunity>().WithMany().HasForeignKey(i => i.OpportunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Touches).WithOne().HasForeignKey(t => t.IntentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Touches).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IntentTouchConfiguration : IEntityTypeConfiguration<IntentTouch>
{
    public void Configure(EntityTypeBuilder<IntentTouch> builder)
    {
        builder.ToTable("IntentTouches");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Channel).HasMaxLength(32).IsRequired();
        builder.Property(t => t.Summary).HasMaxLength(2000).IsRequired();
        builder.HasIndex(t => t.OpportunityId);
        builder.HasOne<Contact>().WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> builder)
    {
        builder.ToTable("Opportunities");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Products).HasMaxLength(500).IsRequired();
        builder.Property(o => o.ExpectedAmount).HasPrecision(18, 2);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ResultSummary).HasMaxLength(2000);
        builder.Property(o => o.LostReason).HasMaxLength(500);
        builder.Ignore(o => o.IsOpen);
        builder.HasIndex(o => o.CustomerId);
        builder.HasIndex(o => new { o.SalesModeId, o.StageId, o.Status });
        builder.HasIndex(o => o.OwnerId);
        builder.HasIndex(o => o.IntentId).IsUnique();
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SalesMode>().WithMany().HasForeignKey(o => o.SalesModeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SalesStage>().WithMany().HasForeignKey(o => o.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Team).WithOne().HasForeignKey(m => m.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Activities).WithOne().HasForeignKey(a => a.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Quotes).WithOne().HasForeignKey(q => q.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Competitors).WithOne().HasForeignKey(c => c.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.StageRecords).WithOne().HasForeignKey(r => r.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Documents).WithOne().HasForeignKey(d => d.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[]
        {
            nameof(Opportunity.Team), nameof(Opportunity.Activities), nameof(Opportunity.Quotes), nameof(Opportunity.Competitors),
            nameof(Opportunity.StageRecords), nameof(Opportunity.Documents),
        })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}

internal sealed class OpportunityTeamMemberConfiguration : IEntityTypeConfiguration<OpportunityTeamMember>
{
    public void Configure(EntityTypeBuilder<OpportunityTeamMember> builder)
    {
        builder.ToTable("OpportunityTeamMembers");
        builder.HasKey(m => new { m.OpportunityId, m.UserId });
        builder.Property(m => m.Role).HasMaxLength(64);
        builder.HasIndex(m => m.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpportunityActivityConfiguration : IEntityTypeConfiguration<OpportunityActivity>
{
    public void Configure(EntityTypeBuilder<OpportunityActivity> builder)
    {
        builder.ToTable("OpportunityActivities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Subject).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Result).HasMaxLength(2000);
        builder.Property(a => a.CancelReason).HasMaxLength(500);
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.Property(a => a.AlertWorkflowInstanceId).HasMaxLength(64);
        builder.HasIndex(a => new { a.ExecutorId, a.DueAt });
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.ExecutorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> builder)
    {
        builder.ToTable("Quotes");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.Amount).HasPrecision(18, 2);
        builder.Property(q => q.Note).HasMaxLength(2000);
    }
}

internal sealed class OpportunityCompetitorConfiguration : IEntityTypeConfiguration<OpportunityCompetitor>
{
    public void Configure(EntityTypeBuilder<OpportunityCompetitor> builder)
    {
        builder.ToTable("OpportunityCompetitors");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Link).HasMaxLength(500);
        builder.Property(c => c.Notes).HasMaxLength(2000);
    }
}

internal sealed class OpportunityDocumentConfiguration : IEntityTypeConfiguration<OpportunityDocument>
{
    public void Configure(EntityTypeBuilder<OpportunityDocument> builder)
    {
        builder.ToTable("OpportunityDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.FileName).HasMaxLength(OpportunityDocument.MaxFileNameLength).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(OpportunityDocument.MaxContentTypeLength).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(d => d.Kind).HasMaxLength(32).IsRequired();
        builder.Property(d => d.Description).HasMaxLength(OpportunityDocument.MaxDescriptionLength);
        builder.HasIndex(d => new { d.OpportunityId, d.UploadedAt });
    }
}

/// <summary>The bytes, in a table of their own: one row per document, deleted with it.</summary>
internal sealed class OpportunityDocumentContentConfiguration : IEntityTypeConfiguration<OpportunityDocumentContent>
{
    public void Configure(EntityTypeBuilder<OpportunityDocumentContent> builder)
    {
        builder.ToTable("OpportunityDocumentContents");
        builder.HasKey(c => c.DocumentId);
        builder.Property(c => c.DocumentId).ValueGeneratedNever();
        builder.Property(c => c.Content).IsRequired();
        builder.HasOne<OpportunityDocument>().WithOne().HasForeignKey<OpportunityDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StageRecordConfiguration : IEntityTypeConfiguration<StageRecord>
{
    public void Configure(EntityTypeBuilder<StageRecord> builder)
    {
        builder.ToTable("OpportunityStageRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Result).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Summary).HasMaxLength(2000).IsRequired();
        builder.HasIndex(r => new { r.FromStageId, r.At });
    }
}

internal sealed class SalesQuotaConfiguration : IEntityTypeConfiguration<SalesQuota>
{
    public void Configure(EntityTypeBuilder<SalesQuota> builder)
    {
        builder.ToTable("SalesQuotas");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.MonthlyTarget).HasPrecision(28, 10);
        builder.Property(q => q.AverageDealSize).HasPrecision(28, 10);
        builder.Property(q => q.NewCustomersPerMonth).HasPrecision(28, 10);
        builder.HasIndex(q => new { q.Scope, q.ScopeId, q.SalesModeId, q.Month }).IsUnique();
        builder.HasOne<SalesMode>().WithMany().HasForeignKey(q => q.SalesModeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(q => q.Stages).WithOne().HasForeignKey(s => s.QuotaId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Stages).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SalesQuotaStageConfiguration : IEntityTypeConfiguration<SalesQuotaStage>
{
    public void Configure(EntityTypeBuilder<SalesQuotaStage> builder)
    {
        builder.ToTable("SalesQuotaStages");
        builder.HasKey(s => new { s.QuotaId, s.StageId });
        builder.Property(s => s.IdealCount).HasPrecision(28, 10);
        builder.Property(s => s.IdealAmount).HasPrecision(28, 10);
        builder.HasOne<SalesStage>().WithMany().HasForeignKey(s => s.StageId).OnDelete(DeleteBehavior.Restrict);
    }
}
