using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Features.Contacts.CreateContact;
using CrmFlow.Crm.Features.Contacts.ListContacts;
using CrmFlow.Crm.Features.Customers.AllocateCustomers;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Customers.GetCustomer;
using CrmFlow.Crm.Features.Customers.ListCustomers;
using CrmFlow.Crm.Features.Customers.UpdateCustomer;
using CrmFlow.Crm.Features.Permissions.GrantCustomerPermission;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Tests.Features.Customers;

public class CustomerSliceTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    private static string NewCode() => $"S{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    private async Task<(Guid Rep, Guid CustomerId, string Code)> RepWithCustomerAsync()
    {
        var rep = await fixture.AddUserAsync("rep", CrmRoles.SalesRep);
        fixture.RunAs(rep, CrmRoles.SalesRep);
        var code = NewCode();
        var created = await fixture.SendAsync(new CreateCustomerCommand(code, "Slice customer", CustomerKind.Formal, "Retail", "East", null));
        return (rep, created.Value!.Id, code);
    }

    [Fact]
    public async Task Creating_a_customer_grants_the_creator_read_and_write_and_no_one_else()
    {
        var (rep, id, _) = await RepWithCustomerAsync();

        var grants = await fixture.QueryAsync(db => db.CustomerPermissions.AsNoTracking().Where(p => p.CustomerId == id).ToListAsync());

        var grant = Assert.Single(grants);
        Assert.Equal(rep, grant.UserId);
        Assert.True(grant.CanWrite);
        Assert.True((await fixture.SendAsync(new GetCustomerQuery(id))).Value!.CanWrite);
    }

    [Fact]
    public async Task A_taken_code_is_refused_with_a_stable_code()
    {
        var (_, _, code) = await RepWithCustomerAsync();

        var again = await fixture.SendAsync(new CreateCustomerCommand(code, "Other", CustomerKind.Prospect, null, null, null));

        Assert.Equal(ResultStatus.Refused, again.Status);
        Assert.Equal(CustomerRefusals.CodeTaken, again.Refusal!.Code);
    }

    [Fact]
    public async Task Invalid_input_is_rejected_by_the_validation_behaviour_naming_the_fields()
    {
        var rep = await fixture.AddUserAsync("rep", CrmRoles.SalesRep);
        fixture.RunAs(rep, CrmRoles.SalesRep);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            fixture.SendAsync(new CreateCustomerCommand("bad code!", "", CustomerKind.Formal, null, null, null)));

        Assert.Equal(["Code", "Name"], error.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_user_without_a_grant_finds_neither_the_customer_nor_its_contacts()
    {
        var (_, id, code) = await RepWithCustomerAsync();
        await fixture.SendAsync(new CreateContactCommand(id, "Hidden person", null, null, null));
        var other = await fixture.AddUserAsync("other", CrmRoles.SalesRep);
        fixture.RunAs(other, CrmRoles.SalesRep);

        Assert.Equal(0, (await fixture.SendAsync(new ListCustomersQuery(Search: code))).Total);
        Assert.Equal(ResultStatus.NotFound, (await fixture.SendAsync(new GetCustomerQuery(id))).Status);
        Assert.Equal(ResultStatus.NotFound, (await fixture.SendAsync(new ListContactsQuery(id))).Status);
        Assert.Equal(0, (await fixture.SendAsync(new ListContactsQuery(Search: "Hidden person"))).Value!.Total);
        Assert.Equal(ResultStatus.NotFound, (await fixture.SendAsync(new UpdateCustomerCommand(id, "x", null, null, null))).Status);
    }

    [Fact]
    public async Task A_read_grant_shows_the_customer_but_refuses_changes()
    {
        var (_, id, code) = await RepWithCustomerAsync();
        var admin = await fixture.AddUserAsync("admin", CrmRoles.Administrator);
        var reader = await fixture.AddUserAsync("reader", CrmRoles.ComplaintHandler);
        fixture.RunAs(admin, CrmRoles.Administrator);
        await fixture.SendAsync(new GrantCustomerPermissionCommand(id, reader, Access.Read));
        fixture.RunAs(reader, CrmRoles.ComplaintHandler);

        Assert.Equal(1, (await fixture.SendAsync(new ListCustomersQuery(Search: code))).Total);
        var update = await fixture.SendAsync(new UpdateCustomerCommand(id, "Renamed", null, null, null));

        Assert.Equal(ResultStatus.Forbidden, update.Status);
        Assert.Equal(CustomerRefusals.NoWriteAccess, update.Refusal!.Code);
    }

    [Fact]
    public async Task Allocating_to_a_rep_changes_the_owner_but_not_the_grants()
    {
        var (rep, id, _) = await RepWithCustomerAsync();
        var other = await fixture.AddUserAsync("new-owner", CrmRoles.SalesRep);
        var admin = await fixture.AddUserAsync("admin", CrmRoles.Administrator);
        fixture.RunAs(admin, CrmRoles.Administrator);

        var result = await fixture.SendAsync(new AllocateCustomersCommand([id], AllocationMode.Assign, other));

        Assert.Equal(1, result.Value!.Allocated);
        var state = await fixture.QueryAsync(db => db.Customers.AsNoTracking().Include(c => c.Permissions).SingleAsync(c => c.Id == id));
        Assert.Equal(other, state.OwnerId);
        Assert.Equal(fixture.Time.GetUtcNow(), state.OwnerAssignedAt);
        Assert.Equal(rep, Assert.Single(state.Permissions).UserId);
    }

    [Fact]
    public async Task Assigning_to_an_unknown_user_is_refused()
    {
        var (_, id, _) = await RepWithCustomerAsync();
        var admin = await fixture.AddUserAsync("admin", CrmRoles.Administrator);
        fixture.RunAs(admin, CrmRoles.Administrator);

        var result = await fixture.SendAsync(new AllocateCustomersCommand([id], AllocationMode.Assign, Guid.CreateVersion7()));

        Assert.Equal(CustomerRefusals.UnknownOwner, result.Refusal!.Code);
    }
}
