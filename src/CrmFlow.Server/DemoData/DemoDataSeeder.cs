using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Server.DemoData;

/// <summary>
/// Seeds the demo departments, one user per role and the demo integration client, once: a database
/// that already has users is left alone. Runs after the databases are migrated (those run in
/// <see cref="IHostedLifecycleService.StartingAsync"/>).
/// </summary>
internal sealed partial class DemoDataSeeder(
    IServiceScopeFactory scopes,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger) : IHostedService
{
    private static readonly (string Code, string Name)[] Departments =
    [
        ("administration", "管理部 Administration"),
        ("customer-service", "客服部 Customer service"),
        ("sales", "销售部 Sales"),
        ("marketing", "市场部 Marketing"),
    ];

    private static readonly (string UserName, string DisplayName, string Department, string Role)[] Users =
    [
        ("admin", "王磊 Wang Lei", "administration", CrmRoles.Administrator),
        ("designer", "李娜 Li Na", "administration", CrmRoles.FlowDesigner),
        ("supervisor", "张伟 Zhang Wei", "customer-service", CrmRoles.ComplaintSupervisor),
        ("handler", "刘洋 Liu Yang", "customer-service", CrmRoles.ComplaintHandler),
        ("sales", "陈静 Chen Jing", "sales", CrmRoles.SalesRep),
        ("marketing", "赵敏 Zhao Min", "marketing", CrmRoles.Marketing),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Seed)
        {
            return;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                LogAlreadySeeded(logger);
                await SeedCrmAsync(db, cancellationToken).ConfigureAwait(false);
                return;
            }

            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
            Seed(db, hasher, demo);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                var withClient = !string.IsNullOrEmpty(demo.IntegrationApiKey);
                LogSeeded(logger, Users.Length, withClient);
                await SeedCrmAsync(db, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another host on the same database seeded at the same moment; its data stands.
                LogSeededElsewhere(logger);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Customers, contacts, grants and ledger rows, once (see <see cref="CrmDemoData"/>).</summary>
    private async Task SeedCrmAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await CrmDemoData.SeedAsync(db, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await MarketDemoData.AddAsync(db, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogCrmSeeded(logger);
        }
        catch (DbUpdateException)
        {
            LogSeededElsewhere(logger);
        }
    }

    private void Seed(CrmDbContext db, IPasswordHasher<User> hasher, DemoOptions demo)
    {
        var now = time.GetUtcNow();
        var departments = Departments.ToDictionary(
            d => d.Code, d => new Department(Guid.CreateVersion7(), d.Code, d.Name), StringComparer.Ordinal);
        db.Departments.AddRange(departments.Values);

        foreach (var (userName, displayName, department, role) in Users)
        {
            var user = new User(Guid.CreateVersion7(), userName, displayName, departments[department].Id, now);
            user.SetPasswordHash(hasher.HashPassword(user, demo.Password));
            user.AddRole(role);
            db.Users.Add(user);
        }

        if (!string.IsNullOrEmpty(demo.IntegrationApiKey))
        {
            var client = new ApiClient(
                Guid.CreateVersion7(),
                demo.IntegrationClientName,
                SecretHashing.KeyPrefix(demo.IntegrationApiKey),
                SecretHashing.Sha256Hex(demo.IntegrationApiKey),
                now);
            client.AddRole(CrmRoles.IntegrationClient);
            db.ApiClients.Add(client);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo data: {UserCount} users, integration client {WithClient}")]
    private static partial void LogSeeded(ILogger logger, int userCount, bool withClient);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo customers, contacts, grants and ledger rows")]
    private static partial void LogCrmSeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database already has users; demo users not seeded")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data was seeded concurrently by another host")]
    private static partial void LogSeededElsewhere(ILogger logger);
}
