namespace CrmFlow.Crm.Domain.Ledger;

/// <summary>What a ledger row records. Orders, deliveries and invoices come from a sales system,
/// receivables and receipts from an AR system, expenses and costs feed profit.</summary>
public enum LedgerKind
{
    Order,
    Delivery,
    Invoice,
    Receivable,
    Receipt,
    Expense,
    Cost,
}

/// <summary>
/// One row posted by an integration client, unique per client, kind and the client's external id.
/// Re-posting identical content changes nothing; posting changed content updates the row, bumps
/// <see cref="Revision"/> and stamps <see cref="UpdatedAt"/> (source systems correct their records).
/// </summary>
internal sealed class LedgerEntry
{
    private LedgerEntry()
    {
    }

    public LedgerEntry(
        Guid id, Guid clientId, LedgerKind kind, string externalId, LedgerContent content, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(content);
        Id = id;
        ClientId = clientId;
        Kind = kind;
        ExternalId = externalId;
        CreatedAt = createdAt;
        Set(content);
        Revision = 1;
    }

    public Guid Id { get; private set; }

    /// <summary>The API client (or administrator) that posted the row: the scope of <see cref="ExternalId"/>.</summary>
    public Guid ClientId { get; private set; }

    public LedgerKind Kind { get; private set; }

    public string ExternalId { get; private set; } = null!;

    public Guid CustomerId { get; private set; }

    public Guid? OpportunityId { get; private set; }

    public DateOnly Date { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = null!;

    public string? Reference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public int Revision { get; private set; }

    public LedgerContent Content => new(CustomerId, OpportunityId, Date, Amount, Currency, Reference);

    /// <summary>Applies a re-post: returns false (and changes nothing) when the content is the same.</summary>
    public bool Revise(LedgerContent content, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content == Content)
        {
            return false;
        }

        Set(content);
        Revision++;
        UpdatedAt = at;
        return true;
    }

    private void Set(LedgerContent content)
    {
        CustomerId = content.CustomerId;
        OpportunityId = content.OpportunityId;
        Date = content.Date;
        Amount = content.Amount;
        Currency = content.Currency;
        Reference = content.Reference;
    }
}

/// <summary>The fields of a ledger row that a re-post may change.</summary>
internal sealed record LedgerContent(
    Guid CustomerId, Guid? OpportunityId, DateOnly Date, decimal Amount, string Currency, string? Reference);
