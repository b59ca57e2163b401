using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;
using CrmFlow.Crm.Features.Permissions.GrantCustomerPermission;
using CrmFlow.Crm.Features.Permissions.RevokeCustomerPermission;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Tests.Features.Permissions;

public class CheckCustomerAccessTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    [Fact]
    public async Task The_check_reports_exactly_the_users_lacking_the_right_and_grants_nothing()
    {
        var admin = await fixture.AddUserAsync("admin", CrmRoles.Administrator);
        var otherAdmin = await fixture.AddUserAsync("admin2", CrmRoles.Administrator);
        var reader = await fixture.AddUserAsync("reader", CrmRoles.ComplaintHandler);
        var writer = await fixture.AddUserAsync("writer", CrmRoles.ComplaintSupervisor);
        var revoked = await fixture.AddUserAsync("revoked", CrmRoles.ComplaintHandler);
        var stranger = await fixture.AddUserAsync("stranger", CrmRoles.SalesRep);
        fixture.RunAs(admin, CrmRoles.Administrator);
        var id = (await fixture.SendAsync(new CreateCustomerCommand($"K{Guid.NewGuid():N}"[..12], "Checked", CustomerKind.Formal, null, null, null))).Value!.Id;
        await fixture.SendAsync(new GrantCustomerPermissionCommand(id, reader, Access.Read));
        await fixture.SendAsync(new GrantCustomerPermissionCommand(id, writer, Access.Write));
        await fixture.SendAsync(new GrantCustomerPermissionCommand(id, revoked, Access.Write));
        await fixture.SendAsync(new RevokeCustomerPermissionCommand(id, revoked));
        var grantsBefore = await fixture.QueryAsync(db => db.CustomerPermissions.CountAsync(p => p.CustomerId == id));
        Guid[] users = [otherAdmin, reader, writer, revoked, stranger];

        var read = await fixture.SendAsync(new CheckCustomerAccessQuery(id, users, Access.Read));
        var write = await fixture.SendAsync(new CheckCustomerAccessQuery(id, users, Access.Write));

        Assert.Equal(new[] { revoked, stranger }.Order(), read.UsersWithoutAccess.Order());
        Assert.Equal(new[] { reader, revoked, stranger }.Order(), write.UsersWithoutAccess.Order());
        Assert.Equal(grantsBefore, await fixture.QueryAsync(db => db.CustomerPermissions.CountAsync(p => p.CustomerId == id)));
    }
}
