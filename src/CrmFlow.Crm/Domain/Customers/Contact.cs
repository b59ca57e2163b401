namespace CrmFlow.Crm.Domain.Customers;

/// <summary>A person at a customer (联系人). Has no permissions of its own: it is visible exactly when its customer is.</summary>
internal sealed class Contact
{
    private Contact()
    {
    }

    public Contact(Guid id, Guid customerId, string name, string? title, string? phone, string? email, DateTimeOffset createdAt)
    {
        Id = id;
        CustomerId = customerId;
        CreatedAt = createdAt;
        Update(name, title, phone, email, createdAt);
        UpdatedAt = null;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Name { get; private set; } = null!;

    public string? Title { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public void Update(string name, string? title, string? phone, string? email, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Title = Normalize(title);
        Phone = Normalize(phone);
        Email = Normalize(email);
        UpdatedAt = at;
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
