namespace CrmFlow.Crm.Domain.Customers;

/// <summary>Formal customer (客户档案) or prospect (意向客户): both share the record, its contacts and its permissions.</summary>
public enum CustomerKind
{
    Formal,
    Prospect,
}

/// <summary>
/// A customer record. Owner (专管业务员) and data permission (数据权限) are independent: allocation
/// changes only the owner and never grants; grants are explicit (<see cref="Grant"/>).
/// </summary>
internal sealed class Customer
{
    private readonly List<CustomerPermission> _permissions = [];

    private Customer()
    {
    }

    public Customer(
        Guid id, string code, string name, CustomerKind kind, string? industry, string? region, Guid createdById, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Id = id;
        Code = code.Trim();
        Kind = kind;
        CreatedById = createdById;
        CreatedAt = createdAt;
        Describe(name, industry, region, createdAt);
        UpdatedAt = null;
    }

    public Guid Id { get; private set; }

    /// <summary>Business key the integrations speak (e.g. <c>C001</c>); unique, immutable.</summary>
    public string Code { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public CustomerKind Kind { get; private set; }

    public string? Industry { get; private set; }

    public string? Region { get; private set; }

    /// <summary>The sales rep responsible (专管业务员); none after a reclaim.</summary>
    public Guid? OwnerId { get; private set; }

    /// <summary>When the current owner got the customer (self-developed, assigned or edited).</summary>
    public DateTimeOffset? OwnerAssignedAt { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public IReadOnlyCollection<CustomerPermission> Permissions => _permissions;

    public void Describe(string name, string? industry, string? region, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Industry = Normalize(industry);
        Region = Normalize(region);
        UpdatedAt = at;
    }

    /// <summary>Converts a prospect (意向客户) into a formal customer (客户档案); its contacts and grants stay on the record. Idempotent.</summary>
    public void ConvertToFormal(DateTimeOffset at)
    {
        if (Kind == CustomerKind.Formal)
        {
            return;
        }

        Kind = CustomerKind.Formal;
        UpdatedAt = at;
    }

    /// <summary>Self-developed (自拓): the creator becomes the owner.</summary>
    public void MarkSelfDeveloped(DateTimeOffset at) => ChangeOwner(CreatedById, at);

    /// <summary>Assign (选择分配): <paramref name="ownerId"/> becomes the owner.</summary>
    public void AssignTo(Guid ownerId, DateTimeOffset at) => ChangeOwner(ownerId, at);

    /// <summary>Reclaim (资源回收): the customer has no owner.</summary>
    public void Reclaim(DateTimeOffset at) => ChangeOwner(null, at);

    /// <summary>Sets the owner (editing the customer); assigning the same owner again keeps the original date.</summary>
    public void ChangeOwner(Guid? ownerId, DateTimeOffset at)
    {
        if (ownerId == OwnerId)
        {
            return;
        }

        OwnerId = ownerId;
        OwnerAssignedAt = ownerId is null ? null : at;
        UpdatedAt = at;
    }

    /// <summary>Grants <paramref name="userId"/> read, or read and write (write implies read). Granting nothing revokes.</summary>
    public void Grant(Guid userId, bool canRead, bool canWrite, Guid grantedById, DateTimeOffset at)
    {
        var existing = _permissions.Find(p => p.UserId == userId);
        if (!canRead && !canWrite)
        {
            Revoke(userId);
            return;
        }

        if (existing is null)
        {
            _permissions.Add(new CustomerPermission(Id, userId, canWrite, grantedById, at));
        }
        else
        {
            existing.Change(canWrite, grantedById, at);
        }
    }

    /// <summary>Removes every right of <paramref name="userId"/>; returns whether there was one.</summary>
    public bool Revoke(Guid userId) => _permissions.RemoveAll(p => p.UserId == userId) > 0;

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>One user's rights on one customer. Read is always held with write.</summary>
internal sealed class CustomerPermission
{
    private CustomerPermission()
    {
    }

    public CustomerPermission(Guid customerId, Guid userId, bool canWrite, Guid grantedById, DateTimeOffset grantedAt)
    {
        CustomerId = customerId;
        UserId = userId;
        Change(canWrite, grantedById, grantedAt);
    }

    public Guid CustomerId { get; private set; }

    public Guid UserId { get; private set; }

    public bool CanRead { get; private set; }

    public bool CanWrite { get; private set; }

    public Guid GrantedById { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public void Change(bool canWrite, Guid grantedById, DateTimeOffset at)
    {
        CanRead = true;
        CanWrite = canWrite;
        GrantedById = grantedById;
        GrantedAt = at;
    }
}
