namespace CrmFlow.Crm.Domain.ValuePyramid;

/// <summary>
/// A stored result of one model for one period [<see cref="PeriodFrom"/>, <see cref="PeriodTo"/>) (scheduled run),
/// unique per model and period end: running again for the same period replaces it. The tier order is kept with it
/// (a model's tiers may be edited later) so old snapshots stay readable and comparable.
/// </summary>
internal sealed class PyramidSnapshot
{
    private readonly List<PyramidSnapshotEntry> _entries = [];

    private PyramidSnapshot()
    {
    }

    public PyramidSnapshot(
        Guid id, Guid modelId, DateOnly periodFrom, DateOnly periodTo, IReadOnlyList<string> tierOrder, bool isShortHistory, DateTimeOffset takenAt)
    {
        Id = id;
        ModelId = modelId;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        TierOrder = string.Join('\n', tierOrder);
        IsShortHistory = isShortHistory;
        TakenAt = takenAt;
    }

    public Guid Id { get; private set; }

    public Guid ModelId { get; private set; }

    public DateOnly PeriodFrom { get; private set; }

    /// <summary>Exclusive end of the period.</summary>
    public DateOnly PeriodTo { get; private set; }

    /// <summary>Tier names top first, one per line.</summary>
    public string TierOrder { get; private set; } = null!;

    public bool IsShortHistory { get; private set; }

    public DateTimeOffset TakenAt { get; private set; }

    public IReadOnlyList<PyramidSnapshotEntry> Entries => _entries;

    public IReadOnlyList<string> TierNames => TierOrder.Split('\n');

    public void Add(Guid customerId, string tier, decimal? value, int? rank) =>
        _entries.Add(new PyramidSnapshotEntry(Id, customerId, tier, value, rank));
}

/// <summary>One customer's tier and value in a <see cref="PyramidSnapshot"/>.</summary>
internal sealed class PyramidSnapshotEntry(Guid snapshotId, Guid customerId, string tier, decimal? value, int? rank)
{
    public Guid SnapshotId { get; private set; } = snapshotId;

    public Guid CustomerId { get; private set; } = customerId;

    public string Tier { get; private set; } = tier;

    public decimal? Value { get; private set; } = value;

    public int? Rank { get; private set; } = rank;
}
