using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;

namespace CrmFlow.Crm.Tests.Domain.Customers;

public class CustomerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Creator = Guid.CreateVersion7();
    private static readonly Guid Rep = Guid.CreateVersion7();

    private static Customer NewCustomer() =>
        new(Guid.CreateVersion7(), " C900 ", "  Acme  ", CustomerKind.Formal, " ", "East", Creator, T0);

    [Fact]
    public void A_new_customer_is_trimmed_has_no_owner_and_no_grants()
    {
        var customer = NewCustomer();

        Assert.Equal("C900", customer.Code);
        Assert.Equal("Acme", customer.Name);
        Assert.Null(customer.Industry);
        Assert.Null(customer.OwnerId);
        Assert.Empty(customer.Permissions);
    }

    [Fact]
    public void Self_developed_assign_and_reclaim_set_the_owner_and_never_grant()
    {
        var customer = NewCustomer();

        customer.MarkSelfDeveloped(T0.AddDays(1));
        Assert.Equal(Creator, customer.OwnerId);
        customer.AssignTo(Rep, T0.AddDays(2));
        Assert.Equal(Rep, customer.OwnerId);
        Assert.Equal(T0.AddDays(2), customer.OwnerAssignedAt);
        customer.Reclaim(T0.AddDays(3));

        Assert.Null(customer.OwnerId);
        Assert.Null(customer.OwnerAssignedAt);
        Assert.Empty(customer.Permissions);
    }

    [Fact]
    public void Assigning_the_same_owner_again_keeps_the_original_assignment_date()
    {
        var customer = NewCustomer();
        customer.AssignTo(Rep, T0.AddDays(1));

        customer.AssignTo(Rep, T0.AddDays(9));

        Assert.Equal(T0.AddDays(1), customer.OwnerAssignedAt);
    }

    [Fact]
    public void Write_implies_read_and_granting_nothing_revokes()
    {
        var customer = NewCustomer();

        customer.Grant(Rep, canRead: false, canWrite: true, Creator, T0);
        var grant = Assert.Single(customer.Permissions);
        Assert.True(grant.CanRead);
        Assert.True(grant.CanWrite);

        customer.Grant(Rep, canRead: true, canWrite: false, Creator, T0);
        Assert.False(Assert.Single(customer.Permissions).CanWrite);

        customer.Grant(Rep, canRead: false, canWrite: false, Creator, T0);
        Assert.Empty(customer.Permissions);
        Assert.False(customer.Revoke(Rep));
    }

    [Fact]
    public void A_ledger_entry_changes_only_when_its_content_changes()
    {
        var content = new LedgerContent(Guid.CreateVersion7(), null, new DateOnly(2026, 3, 1), 10m, "CNY", null);
        var entry = new LedgerEntry(Guid.CreateVersion7(), Guid.CreateVersion7(), LedgerKind.Order, "SO-1", content, T0);

        Assert.False(entry.Revise(content with { }, T0.AddDays(1)));
        Assert.Equal(1, entry.Revision);
        Assert.Null(entry.UpdatedAt);

        Assert.True(entry.Revise(content with { Amount = 12m }, T0.AddDays(2)));
        Assert.Equal(2, entry.Revision);
        Assert.Equal(T0.AddDays(2), entry.UpdatedAt);
        Assert.Equal(12m, entry.Amount);
    }
}
