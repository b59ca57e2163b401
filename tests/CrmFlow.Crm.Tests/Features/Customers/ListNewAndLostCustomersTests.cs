using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Features.Customers.AllocateCustomers;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Customers.ListNewAndLostCustomers;
using CrmFlow.Crm.Features.Ledger.PostLedgerEntries;

namespace CrmFlow.Crm.Tests.Features.Customers;

public class ListNewAndLostCustomersTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    [Fact]
    public async Task New_means_created_or_assigned_in_the_period_and_lost_means_bought_before_but_not_now()
    {
        var admin = await fixture.AddUserAsync("admin", CrmRoles.Administrator);
        var rep = await fixture.AddUserAsync("rep", CrmRoles.SalesRep);
        fixture.RunAs(admin, CrmRoles.Administrator);
        var prefix = $"R{Guid.NewGuid():N}"[..8].ToUpperInvariant();

        // Created in January and assigned in January: both outside the March period.
        fixture.Time.AdjustTime(new DateTimeOffset(2026, 1, 10, 8, 0, 0, TimeSpan.Zero));
        var old = await CreateAsync(prefix + "-OLD");
        var lost = await CreateAsync(prefix + "-LOST");
        var loyal = await CreateAsync(prefix + "-LOYAL");
        var late = await CreateAsync(prefix + "-LATE");
        await fixture.SendAsync(new AllocateCustomersCommand([old, lost, loyal], AllocationMode.Assign, rep));

        // Assigned during March: new for the rep although created in January.
        fixture.Time.AdjustTime(new DateTimeOffset(2026, 3, 15, 8, 0, 0, TimeSpan.Zero));
        await fixture.SendAsync(new AllocateCustomersCommand([late], AllocationMode.Assign, rep));
        var created = await CreateAsync(prefix + "-NEW", rep);

        await fixture.SendAsync(new PostLedgerEntriesCommand(
        [
            new("Order", prefix + "-1", prefix + "-LOST", new DateOnly(2026, 2, 10), 10m),
            new("Receipt", prefix + "-2", prefix + "-LOYAL", new DateOnly(2026, 2, 11), 10m),
            new("Invoice", prefix + "-3", prefix + "-LOYAL", new DateOnly(2026, 3, 20), 10m),
            new("Expense", prefix + "-4", prefix + "-OLD", new DateOnly(2026, 2, 20), 10m), // not a transaction
        ]));

        // March 1-31 (31 days): the previous period is the 31 days before, Jan 29 - Feb 28.
        var report = await fixture.SendAsync(new ListNewAndLostCustomersQuery(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), rep));

        Assert.Equal(new DateOnly(2026, 1, 29), report.PreviousFrom);
        Assert.Equal(new DateOnly(2026, 2, 28), report.PreviousTo);
        var row = Assert.Single(report.Reps);
        Assert.Equal([prefix + "-LATE", prefix + "-NEW"], row.NewCustomers.Select(c => c.Code));
        Assert.Equal(new[] { created, late }.Order(), row.NewCustomers.Select(c => c.Id).Order());
        Assert.Equal(lost, Assert.Single(row.LostCustomers).Id);
    }

    private async Task<Guid> CreateAsync(string code, Guid? owner = null) =>
        (await fixture.SendAsync(new CreateCustomerCommand(code, code, CustomerKind.Formal, null, null, owner))).Value!.Id;
}
