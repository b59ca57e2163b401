using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.Crm.Domain.Market;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmFlow.Crm.Data;

/// <summary>
/// The CRM database. Handlers inject this base type; one derived context per provider
/// (<see cref="SqliteCrmDbContext"/>, <see cref="PostgreSqlCrmDbContext"/>, <see cref="SqlServerCrmDbContext"/>)
/// owns that provider's migrations. It also keeps the hosts' data-protection keys (the web UI's cookies), so that
/// every host on one database reads the others' cookies.
/// </summary>
internal abstract class CrmDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public const string MigrationsHistoryTable = "__CrmMigrationsHistory";

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<HostSecret> HostSecrets => Set<HostSecret>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerPermission> CustomerPermissions => Set<CustomerPermission>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<SalesMode> SalesModes => Set<SalesMode>();

    public DbSet<SalesStage> SalesStages => Set<SalesStage>();

    public DbSet<Intent> Intents => Set<Intent>();

    public DbSet<IntentTouch> IntentTouches => Set<IntentTouch>();

    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    public DbSet<StageRecord> StageRecords => Set<StageRecord>();

    public DbSet<OpportunityDocument> OpportunityDocuments => Set<OpportunityDocument>();

    public DbSet<OpportunityDocumentContent> OpportunityDocumentContents => Set<OpportunityDocumentContent>();

    public DbSet<SalesQuota> SalesQuotas => Set<SalesQuota>();
    public DbSet<PyramidModel> PyramidModels => Set<PyramidModel>();

    public DbSet<PyramidSnapshot> PyramidSnapshots => Set<PyramidSnapshot>();

    public DbSet<PyramidSnapshotEntry> PyramidSnapshotEntries => Set<PyramidSnapshotEntry>();
    public DbSet<QuestionnaireTemplate> QuestionnaireTemplates => Set<QuestionnaireTemplate>();

    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();

    public DbSet<SurveyCampaign> SurveyCampaigns => Set<SurveyCampaign>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<Competitor> Competitors => Set<Competitor>();

    public DbSet<CompetitorOpportunity> CompetitorOpportunities => Set<CompetitorOpportunity>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ComplaintReason> ComplaintReasons => Set<ComplaintReason>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
    }
}

/// <summary>SQLite: the zero-set-up default.</summary>
internal sealed class SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options) : CrmDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type: store instants as sortable, comparable integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL.</summary>
internal sealed class PostgreSqlCrmDbContext(DbContextOptions<PostgreSqlCrmDbContext> options) : CrmDbContext(options);

/// <summary>SQL Server.</summary>
internal sealed class SqlServerCrmDbContext(DbContextOptions<SqlServerCrmDbContext> options) : CrmDbContext(options);
