using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;

namespace CrmFlow.Crm.Common.Access;

/// <summary>The operation right a caller needs on a customer (and hence its contacts).</summary>
public enum Access
{
    Read,
    Write,
}

/// <summary>
/// THE data-permission rule, in one place: administrators see every customer; any other user sees a
/// customer only through an explicit grant on it (write implies read); API clients and anonymous
/// callers see none. Ownership never grants. Contacts are visible exactly when their customer is.
/// Every list, search, detail, export and API path over customers or contacts goes through here.
/// </summary>
internal static class CustomerAccess
{
    public static IQueryable<Customer> VisibleTo(this IQueryable<Customer> customers, ICurrentUser user, Access access)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdministrator)
        {
            return customers;
        }

        if (!user.IsUser || user.Id is not { } userId)
        {
            return customers.Where(c => false);
        }

        return access == Access.Write
            ? customers.Where(c => c.Permissions.Any(p => p.UserId == userId && p.CanWrite))
            : customers.Where(c => c.Permissions.Any(p => p.UserId == userId && p.CanRead));
    }

    /// <summary>The contacts of the customers <paramref name="user"/> may access.</summary>
    public static IQueryable<Contact> VisibleTo(
        this IQueryable<Contact> contacts, IQueryable<Customer> customers, ICurrentUser user, Access access)
    {
        var visible = customers.VisibleTo(user, access).Select(c => c.Id);
        return contacts.Where(ct => visible.Contains(ct.CustomerId));
    }

    /// <summary>
    /// The same rule for other people (the permission verification): which of <paramref name="userIds"/> may
    /// <paramref name="access"/> customer <paramref name="customerId"/>, given who is an administrator.
    /// </summary>
    public static IQueryable<Guid> UsersWithAccess(
        this IQueryable<CustomerPermission> permissions, Guid customerId, IReadOnlyCollection<Guid> userIds, Access access) =>
        access == Access.Write
            ? permissions.Where(p => p.CustomerId == customerId && userIds.Contains(p.UserId) && p.CanWrite).Select(p => p.UserId)
            : permissions.Where(p => p.CustomerId == customerId && userIds.Contains(p.UserId) && p.CanRead).Select(p => p.UserId);
}
