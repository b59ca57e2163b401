using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.IntegrationTests.Crm;

public abstract class CrmDemoDataTests(HostFixture host) : CrmApiTests(host)
{
    [Fact]
    public async Task Demo_customers_include_C001_with_contacts_and_grants_for_sales_supervisor_and_handler()
    {
        var c001 = await Api.QueryAsync(db => db.Customers.AsNoTracking().Include(c => c.Permissions).SingleAsync(c => c.Code == "C001"));
        var granted = await Api.QueryAsync(db => db.Users.Where(u => c001.Permissions.Select(p => p.UserId).Contains(u.Id))
            .Select(u => u.UserName).ToListAsync());

        Assert.Equal(CustomerKind.Formal, c001.Kind);
        Assert.Equal(["handler", "sales", "supervisor"], granted.Order(StringComparer.Ordinal));
        Assert.All(c001.Permissions, p => Assert.True(p.CanWrite));
        Assert.InRange(await Api.QueryAsync(db => db.Contacts.CountAsync(c => c.CustomerId == c001.Id)), 2, 3);
        Assert.True(await Api.QueryAsync(db => db.Customers.CountAsync(c => c.Kind == CustomerKind.Formal)) >= 12);
        Assert.True(await Api.QueryAsync(db => db.Customers.CountAsync(c => c.Kind == CustomerKind.Prospect)) >= 3);
        Assert.True(await Api.QueryAsync(db => db.Customers.CountAsync(c => !c.Permissions.Any())) >= 3, "some customers stay ungranted");
    }

    [Fact]
    public async Task Demo_ledger_covers_a_year_of_every_kind_and_the_sales_rep_sees_only_granted_customers()
    {
        var kinds = await Api.QueryAsync(db => db.LedgerEntries.Where(e => e.ExternalId.StartsWith("DEMO-C001-"))
            .GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(Enum.GetValues<LedgerKind>().Order(), kinds.Select(k => k.Key).Order());
        Assert.All(kinds, k => Assert.Equal(12, k.Count));

        var sales = await Api.LoginAsync("sales");
        var visible = (await GetJsonAsync(sales, "/api/customers?search=C0&pageSize=200"))["items"]!.AsArray()
            .Select(c => c!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("C001", visible);
        Assert.DoesNotContain("C004", visible);
        Assert.DoesNotContain("C010", visible); // owned by sales, but ownership never grants
    }
}

public sealed class CrmDemoDataTests_Sqlite(SqliteHost host) : CrmDemoDataTests(host), IClassFixture<SqliteHost>;

public sealed class CrmDemoDataTests_PostgreSql(PostgreSqlHost host) : CrmDemoDataTests(host), IClassFixture<PostgreSqlHost>;
