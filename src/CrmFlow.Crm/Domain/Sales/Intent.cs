namespace CrmFlow.Crm.Domain.Sales;

/// <summary>Where an intent stands.</summary>
public enum IntentStatus
{
    Open,
    Promoted,
    Dropped,
}

/// <summary>
/// An intent (意向): a lead with unclear buying will, in a fixed format (customer or prospect, product, source /
/// campaign, description, status). Promotion turns it into an opportunity; its touches stay, linked to that opportunity.
/// </summary>
internal sealed class Intent
{
    private readonly List<IntentTouch> _touches = [];

    private Intent()
    {
    }

    public Intent(Guid id, Guid customerId, string product, string? source, string? description, Guid createdById, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(product);
        Id = id;
        CustomerId = customerId;
        Product = product.Trim();
        Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Status = IntentStatus.Open;
        CreatedById = createdById;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Product { get; private set; } = null!;

    /// <summary>Source or campaign the lead came from.</summary>
    public string? Source { get; private set; }

    public string? Description { get; private set; }

    public IntentStatus Status { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PromotedAt { get; private set; }

    public Guid? OpportunityId { get; private set; }

    public IReadOnlyCollection<IntentTouch> Touches => _touches;

    public IntentTouch AddTouch(Guid id, Guid? contactId, string channel, string summary, DateTimeOffset at)
    {
        var touch = new IntentTouch(id, Id, contactId, channel, summary, at);
        _touches.Add(touch);
        return touch;
    }

    /// <summary>Marks the intent promoted to <paramref name="opportunityId"/> and links its touch history to it.</summary>
    public void MarkPromoted(Guid opportunityId, DateTimeOffset at)
    {
        if (Status != IntentStatus.Open)
        {
            throw new InvalidOperationException("Only an open intent can be promoted.");
        }

        Status = IntentStatus.Promoted;
        OpportunityId = opportunityId;
        PromotedAt = at;
        foreach (var touch in _touches)
        {
            touch.LinkTo(opportunityId);
        }
    }

    public void Drop()
    {
        if (Status == IntentStatus.Open)
        {
            Status = IntentStatus.Dropped;
        }
    }
}

/// <summary>A contact record made against an intent (call, visit, e-mail…); kept and linked to the opportunity after promotion.</summary>
internal sealed class IntentTouch
{
    private IntentTouch()
    {
    }

    public IntentTouch(Guid id, Guid intentId, Guid? contactId, string channel, string summary, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        Id = id;
        IntentId = intentId;
        ContactId = contactId;
        Channel = channel.Trim();
        Summary = summary.Trim();
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid IntentId { get; private set; }

    public Guid? ContactId { get; private set; }

    public string Channel { get; private set; } = null!;

    public string Summary { get; private set; } = null!;

    public DateTimeOffset At { get; private set; }

    /// <summary>The opportunity the intent was promoted to, once it is.</summary>
    public Guid? OpportunityId { get; private set; }

    public void LinkTo(Guid opportunityId) => OpportunityId = opportunityId;
}
