namespace CrmFlow.Crm.Domain.Identity;

/// <summary>An organisational unit users belong to (管理部, 客服部, 销售部…).</summary>
internal sealed class Department
{
    private Department()
    {
    }

    public Department(Guid id, string code, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Code = code;
        Name = name;
    }

    public Guid Id { get; private set; }

    /// <summary>Stable key, e.g. <c>sales</c>.</summary>
    public string Code { get; private set; } = null!;

    public string Name { get; private set; } = null!;
}
