using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Ledger.PostLedgerEntries;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Tests.Features.Ledger;

public class PostLedgerEntriesTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    private async Task<string> CustomerAsync()
    {
        var admin = await fixture.AddUserAsync("admin", CrmRoles.Administrator);
        fixture.RunAs(admin, CrmRoles.Administrator);
        var code = $"L{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        await fixture.SendAsync(new CreateCustomerCommand(code, "Ledger", CustomerKind.Formal, null, null, null));
        return code;
    }

    [Fact]
    public async Task Reposting_identical_rows_reports_them_unchanged_and_keeps_one_row_each()
    {
        var code = await CustomerAsync();
        LedgerRow[] rows =
        [
            new("Order", $"{code}-1", code, new DateOnly(2026, 2, 1), 100m),
            new("receipt", $"{code}-2", code, new DateOnly(2026, 2, 9), 50.5m, "USD", "wire"),
        ];

        var first = await fixture.SendAsync(new PostLedgerEntriesCommand(rows));
        var second = await fixture.SendAsync(new PostLedgerEntriesCommand(rows));

        Assert.Equal(2, first.Value!.Created);
        Assert.Equal(2, second.Value!.Unchanged);
        Assert.Equal(first.Value.Rows.Select(r => r.Id), second.Value.Rows.Select(r => r.Id));
        Assert.Equal(2, await fixture.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.ExternalId.StartsWith(code))));
    }

    [Fact]
    public async Task The_same_external_id_twice_in_a_batch_is_a_field_error_on_the_second_row()
    {
        var code = await CustomerAsync();
        LedgerRow[] rows =
        [
            new("Order", $"{code}-1", code, new DateOnly(2026, 2, 1), 100m),
            new("Order", $"{code}-1", code, new DateOnly(2026, 2, 2), 200m),
        ];

        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new PostLedgerEntriesCommand(rows)));

        Assert.Equal("Rows[1].ExternalId", Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task Unknown_customer_codes_refuse_the_whole_batch()
    {
        var code = await CustomerAsync();
        LedgerRow[] rows =
        [
            new("Order", $"{code}-1", code, new DateOnly(2026, 2, 1), 100m),
            new("Order", $"{code}-2", "NOPE", new DateOnly(2026, 2, 1), 100m),
        ];

        var result = await fixture.SendAsync(new PostLedgerEntriesCommand(rows));

        Assert.Equal(ResultStatus.Refused, result.Status);
        Assert.Equal(["rows[1].customerCode"], result.Refusal!.Errors!.Keys);
        Assert.Equal(0, await fixture.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.ExternalId.StartsWith(code))));
    }
}
