using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmFlow.Crm.Data.Configurations;

internal sealed class QuestionnaireTemplateConfiguration : IEntityTypeConfiguration<QuestionnaireTemplate>
{
    public void Configure(EntityTypeBuilder<QuestionnaireTemplate> builder)
    {
        builder.ToTable("QuestionnaireTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.HasIndex(t => t.Name);
        builder.Ignore(t => t.LatestVersion);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> builder)
    {
        builder.ToTable("QuestionnaireVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.QuestionsJson).IsRequired();
        builder.Ignore(v => v.Questions);
        builder.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
    }
}

internal sealed class SurveyCampaignConfiguration : IEntityTypeConfiguration<SurveyCampaign>
{
    public void Configure(EntityTypeBuilder<SurveyCampaign> builder)
    {
        builder.ToTable("SurveyCampaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.WorkflowInstanceId).HasMaxLength(64);
        builder.HasIndex(c => c.TemplateVersionId);
        builder.HasIndex(c => c.Status);
        builder.HasOne<QuestionnaireTemplate>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionnaireVersion>().WithMany().HasForeignKey(c => c.TemplateVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("SurveyResponses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RespondentKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.AnswersJson).IsRequired();
        builder.Ignore(r => r.Answers);

        // One response per respondent and campaign, enforced by the database as well as the handler.
        builder.HasIndex(r => new { r.CampaignId, r.RespondentId }).IsUnique();
        builder.HasIndex(r => r.CustomerId);
        builder.HasOne<SurveyCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.EnteredById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CompetitorConfiguration : IEntityTypeConfiguration<Competitor>
{
    public void Configure(EntityTypeBuilder<Competitor> builder)
    {
        builder.ToTable("Competitors");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Website).HasMaxLength(300);
        foreach (var text in new[] { nameof(Competitor.Profile), nameof(Competitor.Products), nameof(Competitor.Strengths), nameof(Competitor.Weaknesses), nameof(Competitor.Strategy), nameof(Competitor.MarketPerformance) })
        {
            builder.Property(text).HasMaxLength(4000);
        }

        builder.Property(c => c.KeyPeopleJson).IsRequired();
        builder.Property(c => c.AssessmentsJson).IsRequired();
        builder.Ignore(c => c.KeyPeople);
        builder.Ignore(c => c.Assessments);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CompetitorOpportunityConfiguration : IEntityTypeConfiguration<CompetitorOpportunity>
{
    public void Configure(EntityTypeBuilder<CompetitorOpportunity> builder)
    {
        builder.ToTable("CompetitorOpportunities");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.OpportunityReference).HasMaxLength(64).IsRequired();
        builder.Property(l => l.OpportunityName).HasMaxLength(200);
        builder.Property(l => l.Amount).HasPrecision(18, 2);
        builder.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Notes).HasMaxLength(2000);
        builder.HasIndex(l => new { l.CompetitorId, l.OpportunityReference }).IsUnique();
        builder.HasIndex(l => l.OpportunityReference);
        builder.HasOne<Competitor>().WithMany().HasForeignKey(l => l.CompetitorId).OnDelete(DeleteBehavior.Cascade);
    }
}
