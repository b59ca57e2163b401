namespace CrmFlow.Crm.Domain.Identity;

/// <summary>A person who signs in. The password is stored as an ASP.NET Core Identity hash.</summary>
internal sealed class User
{
    private readonly List<UserRole> _roles = [];

    private User()
    {
    }

    public User(Guid id, string userName, string displayName, Guid? departmentId, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        Id = id;
        UserName = userName;
        NormalizedUserName = Normalize(userName);
        DisplayName = displayName;
        DepartmentId = departmentId;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string UserName { get; private set; } = null!;

    /// <summary>Upper-case invariant form used for unique, case-insensitive look-up.</summary>
    public string NormalizedUserName { get; private set; } = null!;

    public string DisplayName { get; private set; } = null!;

    public Guid? DepartmentId { get; private set; }

    public Department? Department { get; private set; }

    public string PasswordHash { get; private set; } = string.Empty;

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyCollection<UserRole> Roles => _roles;

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    public void SetPasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    public void AddRole(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        if (!_roles.Exists(r => r.Role == role))
        {
            _roles.Add(new UserRole(Id, role));
        }
    }

    public void Deactivate() => IsActive = false;
}

/// <summary>One role held by a user.</summary>
internal sealed class UserRole(Guid userId, string role)
{
    public Guid UserId { get; private set; } = userId;

    public string Role { get; private set; } = role;
}
