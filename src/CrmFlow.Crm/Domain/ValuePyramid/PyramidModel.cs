namespace CrmFlow.Crm.Domain.ValuePyramid;

/// <summary>How a model puts customers into tiers: by their share of the ranking, or by absolute value thresholds.</summary>
public enum TierRuleKind
{
    RankShare = 0,
    Threshold = 1,
}

/// <summary>
/// One tier of a model, top first: <see cref="SharePercent"/> for a rank-share model, <see cref="LowerBound"/> for a
/// threshold model (the bottom tier may omit it).
/// </summary>
internal sealed class PyramidTierDefinition
{
    private PyramidTierDefinition()
    {
    }

    public PyramidTierDefinition(int position, string name, decimal? sharePercent, decimal? lowerBound)
    {
        Position = position;
        Name = name;
        SharePercent = sharePercent;
        LowerBound = lowerBound;
    }

    public int Position { get; private set; }

    public string Name { get; private set; } = null!;

    public decimal? SharePercent { get; private set; }

    public decimal? LowerBound { get; private set; }
}

/// <summary>The editable content of a pyramid model (what create and update take).</summary>
public sealed record PyramidModelSpec(
    string Name,
    PyramidMetric Metric,
    RevenueBasis RevenueBasis,
    TierRuleKind TierRule,
    IReadOnlyList<PyramidTierSpec> Tiers,
    int PeriodMonths = PyramidModelSpec.DefaultPeriodMonths,
    LoyaltyWeights? LoyaltyWeights = null,
    bool IsActive = true)
{
    /// <summary>The default analysis period: the last twelve months.</summary>
    public const int DefaultPeriodMonths = 12;

    public const int MaxPeriodMonths = 120;

    /// <summary>
    /// Every reason the spec cannot become a model: the metric definition (loyalty needs weights), the period
    /// (1–120 months) and the tiers (shares covering exactly 100 %, or strictly decreasing thresholds), with field
    /// paths such as <c>Tiers[1].LowerBound</c>.
    /// </summary>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new List<DomainError>();
        errors.AddRange(new MetricDefinition(Metric, RevenueBasis, LoyaltyWeights).Validate());
        if (!Enum.IsDefined(TierRule))
        {
            errors.Add(new(nameof(TierRule), DomainErrorCodes.Unknown, "Unknown tier rule."));
        }

        if (PeriodMonths is < 1 or > MaxPeriodMonths)
        {
            errors.Add(new(nameof(PeriodMonths), DomainErrorCodes.OutOfRange, $"The period must be 1 to {MaxPeriodMonths} months."));
        }

        var tiers = Tiers ?? [];
        if (TierRule == TierRuleKind.RankShare)
        {
            for (var i = 0; i < tiers.Count; i++)
            {
                if (tiers[i].SharePercent is null)
                {
                    errors.Add(new($"Tiers[{i}].SharePercent", DomainErrorCodes.Required, "A rank-share tier needs a share."));
                }
            }

            if (errors.Count == 0)
            {
                errors.AddRange(PyramidTiering.ByRankShare([], RankShareTiers()).Errors);
            }
        }
        else if (TierRule == TierRuleKind.Threshold)
        {
            errors.AddRange(PyramidTiering.ByThresholds([], ThresholdTiers()).Errors);
        }

        return errors;
    }

    internal IReadOnlyList<RankShareTier> RankShareTiers() => [.. (Tiers ?? []).Select(t => new RankShareTier(t.Name, t.SharePercent ?? 0m))];

    internal IReadOnlyList<ThresholdTier> ThresholdTiers() => [.. (Tiers ?? []).Select(t => new ThresholdTier(t.Name, t.LowerBound))];
}

/// <summary>A tier in a <see cref="PyramidModelSpec"/>, top first.</summary>
public sealed record PyramidTierSpec(string Name, decimal? SharePercent = null, decimal? LowerBound = null);

/// <summary>
/// A customer value pyramid model (价值金字塔模型): the metric and its revenue basis, the tier rule and tiers, the
/// analysis period in months (default 12, ending at the computation instant) and the loyalty weights. Active models
/// are computed by the scheduled run.
/// </summary>
internal sealed class PyramidModel
{
    private readonly List<PyramidTierDefinition> _tiers = [];

    private PyramidModel()
    {
    }

    public PyramidModel(Guid id, PyramidModelSpec spec, Guid? createdById, DateTimeOffset createdAt)
    {
        Id = id;
        CreatedById = createdById;
        CreatedAt = createdAt;
        Apply(spec, createdAt);
        UpdatedAt = null;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = null!;

    public PyramidMetric Metric { get; private set; }

    public RevenueBasis RevenueBasis { get; private set; }

    public TierRuleKind TierRule { get; private set; }

    public int PeriodMonths { get; private set; }

    public decimal? LoyaltyActivityWeight { get; private set; }

    public decimal? LoyaltyTransactionWeight { get; private set; }

    public bool IsActive { get; private set; }

    public Guid? CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public IReadOnlyList<PyramidTierDefinition> Tiers => _tiers;

    public LoyaltyWeights? LoyaltyWeights =>
        LoyaltyActivityWeight is { } a && LoyaltyTransactionWeight is { } t ? new LoyaltyWeights(a, t) : null;

    public PyramidModelSpec Spec => new(
        Name,
        Metric,
        RevenueBasis,
        TierRule,
        [.. _tiers.OrderBy(t => t.Position).Select(t => new PyramidTierSpec(t.Name, t.SharePercent, t.LowerBound))],
        PeriodMonths,
        LoyaltyWeights,
        IsActive);

    /// <summary>Replaces the model's content; the caller has validated <paramref name="spec"/>.</summary>
    public void Apply(PyramidModelSpec spec, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Name);
        Name = spec.Name.Trim();
        Metric = spec.Metric;
        RevenueBasis = spec.RevenueBasis;
        TierRule = spec.TierRule;
        PeriodMonths = spec.PeriodMonths;
        LoyaltyActivityWeight = spec.LoyaltyWeights?.Activity;
        LoyaltyTransactionWeight = spec.LoyaltyWeights?.Transaction;
        IsActive = spec.IsActive;
        _tiers.Clear();
        _tiers.AddRange(spec.Tiers.Select((t, i) => new PyramidTierDefinition(
            i,
            t.Name.Trim(),
            spec.TierRule == TierRuleKind.RankShare ? t.SharePercent : null,
            spec.TierRule == TierRuleKind.Threshold ? t.LowerBound : null)));
        UpdatedAt = at;
    }
}
