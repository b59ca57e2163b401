using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Data;

public abstract class DemoDataTests(HostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_data_has_one_user_per_role_each_in_a_department()
    {
        var users = await QueryAsync(host.Factory, db => db.Users.AsNoTracking()
            .Select(u => new { u.UserName, DepartmentName = u.Department!.Name, Roles = u.Roles.Select(r => r.Role).ToList() })
            .ToListAsync(Ct));

        var roles = users.ToDictionary(u => u.UserName, u => Assert.Single(u.Roles));
        Assert.Equal(CrmRoles.Administrator, roles["admin"]);
        Assert.Equal(CrmRoles.FlowDesigner, roles["designer"]);
        Assert.Equal(CrmRoles.ComplaintSupervisor, roles["supervisor"]);
        Assert.Equal(CrmRoles.ComplaintHandler, roles["handler"]);
        Assert.Equal(CrmRoles.SalesRep, roles["sales"]);
        Assert.Equal(CrmRoles.Marketing, roles["marketing"]);
        Assert.All(users, u => Assert.False(string.IsNullOrWhiteSpace(u.DepartmentName)));
    }

    [Fact]
    public async Task Integration_client_key_is_stored_hashed_with_a_visible_prefix()
    {
        var client = await QueryAsync(host.Factory, db => db.ApiClients.AsNoTracking().SingleAsync(c => c.Name == "demo-integration", Ct));

        Assert.NotEqual(CrmFlowFactory.IntegrationApiKey, client.KeyHash);
        Assert.Equal(64, client.KeyHash.Length);
        Assert.StartsWith(client.KeyPrefix, CrmFlowFactory.IntegrationApiKey, StringComparison.Ordinal);
        Assert.True(client.KeyPrefix.Length < 12);
    }

    [Fact]
    public async Task Booting_again_on_the_same_database_keeps_the_data_and_adds_no_duplicates()
    {
        var before = await CountsAsync(host.Factory);

        await using (var second = host.NewFactory())
        {
            _ = second.Server;
        }

        await using var third = host.NewFactory();
        _ = third.Server;
        var after = await CountsAsync(third);

        Assert.Equal(before, after);
        Assert.Equal(6, after.Users);
    }

    [Fact]
    public async Task Host_migrates_an_empty_database_and_seeds_nothing_when_demo_seed_is_off()
    {
        var database = await host.CreateEmptyDatabaseAsync();
        var factory = host.NewFactory(database, new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

        using var client = factory.CreateClient();
        using var health = await client.GetAsync("/health", Ct);
        var counts = await CountsAsync(factory);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal((0, 0, 0, 0, 1), counts); // only the generated signing key
    }

    private static Task<(int Users, int Departments, int Roles, int Clients, int Secrets)> CountsAsync(CrmFlowFactory factory) =>
        QueryAsync(factory, async db => (
            await db.Users.CountAsync(Ct),
            await db.Departments.CountAsync(Ct),
            await db.UserRoles.CountAsync(Ct),
            await db.ApiClients.CountAsync(c => c.Name == "demo-integration", Ct),
            await db.HostSecrets.CountAsync(Ct)));

    private static async Task<T> QueryAsync<T>(CrmFlowFactory factory, Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}

public sealed class DemoDataTests_Sqlite(SqliteHost host) : DemoDataTests(host), IClassFixture<SqliteHost>;

public sealed class DemoDataTests_PostgreSql(PostgreSqlHost host) : DemoDataTests(host), IClassFixture<PostgreSqlHost>;
