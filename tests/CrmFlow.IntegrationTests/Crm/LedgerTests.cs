using System.Net;
using System.Net.Http.Json;
using CrmFlow.Crm.Common.Security;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.IntegrationTests.Crm;

public abstract class LedgerTests(HostFixture host) : CrmApiTests(host)
{
    private static object[] Rows(string code, decimal amount = 1000m) =>
    [
        new { kind = "Order", externalId = $"{code}-SO-1", customerCode = code, date = "2026-03-01", amount },
        new { kind = "Invoice", externalId = $"{code}-INV-1", customerCode = code, date = "2026-03-05", amount, currency = "CNY" },
        new { kind = "Receipt", externalId = $"{code}-RC-1", customerCode = code, date = "2026-03-20", amount = 400m, reference = "bank" },
    ];

    [Fact]
    public async Task Reposting_the_same_batch_changes_nothing()
    {
        var admin = await Api.LoginAsync("admin");
        var code = NewCode("L");
        var customerId = await CreateCustomerAsync(admin, code, "Ledger idempotency");
        var client = Api.Integration();

        var first = await client.PostAsJsonAsync("/api/ledger/entries", new { rows = Rows(code) });
        var before = await Api.QueryAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.ExternalId).Select(e => new { e.Id, e.Amount, e.Revision, e.UpdatedAt }).ToListAsync());
        var second = await client.PostAsJsonAsync("/api/ledger/entries", new { rows = Rows(code) });
        var after = await Api.QueryAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.ExternalId).Select(e => new { e.Id, e.Amount, e.Revision, e.UpdatedAt }).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(3, (await first.ReadAsync())["created"]!.GetValue<int>());
        var again = await second.ReadAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal(3, again["unchanged"]!.GetValue<int>());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Posting_a_changed_row_with_the_same_external_id_updates_it_with_a_revision()
    {
        var admin = await Api.LoginAsync("admin");
        var code = NewCode("L");
        var customerId = await CreateCustomerAsync(admin, code, "Ledger correction");
        var client = Api.Integration();
        await client.PostAsJsonAsync("/api/ledger/entries", new { rows = Rows(code) });

        var changed = await client.PostAsJsonAsync("/api/ledger/entries", new { rows = Rows(code, 1200m) });

        var body = await changed.ReadAsync();
        Assert.Equal(2, body["updated"]!.GetValue<int>());
        Assert.Equal(1, body["unchanged"]!.GetValue<int>());
        var order = await Api.QueryAsync(db => db.LedgerEntries.AsNoTracking().SingleAsync(e => e.CustomerId == customerId && e.ExternalId == code + "-SO-1"));
        Assert.Equal(1200m, order.Amount);
        Assert.Equal(2, order.Revision);
        Assert.NotNull(order.UpdatedAt);
        Assert.Equal(3, await Api.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.CustomerId == customerId)));
    }

    [Fact]
    public async Task A_malformed_batch_writes_nothing_and_names_the_bad_rows()
    {
        var admin = await Api.LoginAsync("admin");
        var code = NewCode("L");
        var customerId = await CreateCustomerAsync(admin, code, "Ledger validation");

        var response = await Api.Integration().PostAsJsonAsync("/api/ledger/entries", new
        {
            rows = new object[]
            {
                new { kind = "Order", externalId = $"{code}-ok", customerCode = code, date = "2026-01-01", amount = 1m },
                new { kind = "Order", externalId = $"{code}-no-amount", customerCode = code, date = "2026-01-01" },
                new { kind = "Bribe", externalId = $"{code}-bad-kind", customerCode = code, date = "2026-01-01", amount = 1m },
                new { kind = "Order", externalId = $"{code}-ok", customerCode = code, date = "2026-01-02", amount = 2m },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync())["errors"]!.AsObject();
        Assert.Equal(["rows[1].amount", "rows[2].kind", "rows[3].externalId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await Api.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.CustomerId == customerId)));
    }

    [Fact]
    public async Task A_batch_with_an_unknown_customer_code_writes_nothing_and_names_the_row()
    {
        var admin = await Api.LoginAsync("admin");
        var code = NewCode("L");
        var customerId = await CreateCustomerAsync(admin, code, "Ledger unknown code");

        var response = await Api.Integration().PostAsJsonAsync("/api/ledger/entries", new
        {
            rows = new object[]
            {
                new { kind = "Order", externalId = $"{code}-1", customerCode = code, date = "2026-01-01", amount = 1m },
                new { kind = "Order", externalId = $"{code}-2", customerCode = "NO-SUCH-CODE", date = "2026-01-01", amount = 1m },
            },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadAsync();
        Assert.Equal("ledger.unknown_customer", problem["code"]!.GetValue<string>());
        Assert.Equal(["rows[1].customerCode"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, await Api.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.CustomerId == customerId)));
    }

    [Fact]
    public async Task The_360_view_shows_ledger_tabs_only_to_financial_roles()
    {
        var admin = await Api.LoginAsync("admin");
        var code = NewCode("V");
        var id = await CreateCustomerAsync(admin, code, "Three sixty");
        await CreateContactAsync(admin, id, "Viewed contact");
        await Api.Integration().PostAsJsonAsync("/api/ledger/entries", new { rows = Rows(code) });
        var managerId = await Api.CreateUserAsync("view-manager", CrmRoles.SalesManager);
        var handlerId = await Api.UserIdAsync("handler");
        await GrantAsync(admin, id, managerId, "Read");
        await GrantAsync(admin, id, handlerId, "Read");

        var managerView = await GetJsonAsync(await Api.LoginAsync("view-manager"), $"/api/customers/{id}/overview?from=2026-01-01&to=2026-12-31");
        var handlerView = await GetJsonAsync(await Api.LoginAsync("handler"), $"/api/customers/{id}/overview?from=2026-01-01&to=2026-12-31");
        var outOfRange = await GetJsonAsync(admin, $"/api/customers/{id}/overview?from=2025-01-01&to=2025-12-31");

        Assert.True(managerView["financialsVisible"]!.GetValue<bool>());
        Assert.Equal(1000m, managerView["financials"]!["orders"]!["total"]!.GetValue<decimal>());
        Assert.Single(managerView["financials"]!["receipts"]!["lines"]!.AsArray());
        Assert.Single(managerView["contacts"]!.AsArray());
        Assert.Empty(managerView["complaints"]!.AsArray());
        Assert.False(handlerView["financialsVisible"]!.GetValue<bool>());
        Assert.Null(handlerView["financials"]);
        Assert.Single(handlerView["contacts"]!.AsArray());
        Assert.Empty(outOfRange["financials"]!["orders"]!["lines"]!.AsArray());
    }
}

public sealed class LedgerTests_Sqlite(SqliteHost host) : LedgerTests(host), IClassFixture<SqliteHost>;

public sealed class LedgerTests_PostgreSql(PostgreSqlHost host) : LedgerTests(host), IClassFixture<PostgreSqlHost>;
