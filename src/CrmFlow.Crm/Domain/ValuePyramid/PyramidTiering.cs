using System.Globalization;

namespace CrmFlow.Crm.Domain.ValuePyramid;

/// <summary>A tier of a rank-share model, top tier first: the share of all customers it should hold, in percent.</summary>
public sealed record RankShareTier(string Name, decimal SharePercent);

/// <summary>
/// A tier of a threshold model, top tier first: customers whose value is ≥ <paramref name="LowerBound"/> and who
/// did not reach a higher tier. Only the bottom tier may omit its bound.
/// </summary>
public sealed record ThresholdTier(string Name, decimal? LowerBound);

/// <summary>One tier of a computed pyramid: its customers, the sum of their values and how many had no data.</summary>
public sealed record TierSummary(string Name, int CustomerCount, decimal MetricTotal, int CustomersWithoutData);

/// <summary>
/// One customer's place in a pyramid: tier, value (null = no data) and rank by value, 1 = highest, equal values
/// sharing a rank ("1, 2, 2, 4"); customers without data have no rank.
/// </summary>
public sealed record CustomerTier(Guid CustomerId, string Tier, decimal? Value, int? Rank);

/// <summary>
/// A computed pyramid: the tiers top first (every configured tier, empty ones too), each customer's tier ordered
/// by tier then rank, and the number of customers without data (for the coverage shown with the result).
/// </summary>
public sealed record PyramidResult(
    IReadOnlyList<TierSummary> Tiers,
    IReadOnlyList<CustomerTier> Customers,
    int CustomersWithoutData)
{
    public int CustomerCount => Customers.Count;

    /// <summary>Customer → tier name, for storing a scheduled snapshot and for <see cref="TierChangeDetector"/>.</summary>
    public IReadOnlyDictionary<Guid, string> ToSnapshot() => Customers.ToDictionary(c => c.CustomerId, c => c.Tier);

    /// <summary>The tier names, top first.</summary>
    public IReadOnlyList<string> TierOrder => [.. Tiers.Select(t => t.Name)];
}

/// <summary>
/// Puts customers into the tiers of a value pyramid (DOMAIN.md §2, seed 客户价值金字塔).
/// <para><b>Rank share</b> (e.g. A 20 %, B 30 %, C 50 %; shares &gt; 0 summing to exactly 100 %): customers are
/// ranked by value, highest first. The population is <i>every</i> customer, those without data included, since
/// they are real customers (the 80/20 rule is about all customers). The boundary after tier j sits at
/// round(N · (s_1 + … + s_j) / 100) customers, rounded half away from zero on the <i>cumulative</i> share, so the
/// counts always add up to N (20 % of 7 = 1.4 → 1; 20 %+30 % of 7 = 3.5 → 4, so A 1, B 3, C 3).
/// <b>Ties:</b> customers with the same value never land in different tiers — when a boundary falls inside a group of
/// equal values, the boundary moves down so the whole group goes to the <i>higher</i> tier (nobody is demoted
/// below someone equal to them); the next tiers shrink, possibly to empty. Equal values are otherwise ordered by
/// customer id, so the result is deterministic.</para>
/// <para><b>Thresholds</b> (strictly decreasing lower bounds, top first): a customer goes to the first tier whose
/// bound it reaches. The bottom tier is the floor: it also takes everyone below its bound (or it has no bound), so
/// every customer is counted exactly once.</para>
/// <para><b>Customers without data</b> (value null) always go to the bottom tier, count as zero in its metric total
/// and are counted in <see cref="TierSummary.CustomersWithoutData"/>; they rank below every customer with data,
/// even one with a zero or negative value, and are not part of any tie.</para>
/// </summary>
public static class PyramidTiering
{
    public const string SharesMustTotal100 = "shares_must_total_100";

    public static DomainResult<PyramidResult> ByRankShare(IReadOnlyList<CustomerMetric> customers, IReadOnlyList<RankShareTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(tiers);
        var errors = new List<DomainError>();
        ValidateNames(errors, tiers.Select(t => t.Name).ToList());
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].SharePercent <= 0m)
            {
                errors.Add(new(TierPath(i, nameof(RankShareTier.SharePercent)), DomainErrorCodes.MustBePositive, "A tier's share must be greater than 0 %."));
            }
        }

        if (tiers.Count > 0 && tiers.Sum(t => t.SharePercent) != 100m)
        {
            errors.Add(new("Tiers", SharesMustTotal100, "The tier shares must add up to exactly 100 %."));
        }

        CustomerMetrics.AddDuplicateErrors(errors, customers.Select(c => c.CustomerId), "Customers");
        return DomainResult.From(errors, () =>
        {
            var ranked = Rank(customers);
            var withData = ranked.Count(c => c.Value is not null);
            var assigned = new List<(RankedCustomer Customer, int Tier)>(ranked.Count);
            var start = 0;
            var cumulativeShare = 0m;
            for (var t = 0; t < tiers.Count; t++)
            {
                int end;
                if (t == tiers.Count - 1)
                {
                    end = ranked.Count;
                }
                else
                {
                    cumulativeShare += tiers[t].SharePercent;
                    var target = (int)Math.Round(ranked.Count * cumulativeShare / 100m, MidpointRounding.AwayFromZero);
                    end = Math.Min(Math.Max(start, target), withData);
                    while (end > 0 && end < withData && ranked[end].Value == ranked[end - 1].Value)
                    {
                        end++;
                    }
                }

                for (var i = start; i < end; i++)
                {
                    assigned.Add((ranked[i], t));
                }

                start = end;
            }

            return Summarize(assigned, tiers.Select(t => t.Name).ToList());
        });
    }

    public static DomainResult<PyramidResult> ByThresholds(IReadOnlyList<CustomerMetric> customers, IReadOnlyList<ThresholdTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(tiers);
        var errors = new List<DomainError>();
        ValidateNames(errors, tiers.Select(t => t.Name).ToList());
        decimal? previous = null;
        for (var i = 0; i < tiers.Count; i++)
        {
            var bound = tiers[i].LowerBound;
            if (bound is null)
            {
                if (i < tiers.Count - 1)
                {
                    errors.Add(new(TierPath(i, nameof(ThresholdTier.LowerBound)), DomainErrorCodes.Required, "Only the bottom tier may have no lower bound."));
                }

                continue;
            }

            if (previous is { } p && bound >= p)
            {
                errors.Add(new(TierPath(i, nameof(ThresholdTier.LowerBound)), DomainErrorCodes.NotOrdered, "Lower bounds must decrease strictly from the top tier down."));
            }

            previous = bound;
        }

        CustomerMetrics.AddDuplicateErrors(errors, customers.Select(c => c.CustomerId), "Customers");
        return DomainResult.From(errors, () =>
        {
            var bottom = tiers.Count - 1;
            var assigned = Rank(customers)
                .Select(c => (Customer: c, Tier: c.Value is { } v ? FirstReached(tiers, v) ?? bottom : bottom))
                .ToList();
            return Summarize(assigned, tiers.Select(t => t.Name).ToList());
        });
    }

    private static int? FirstReached(IReadOnlyList<ThresholdTier> tiers, decimal value)
    {
        for (var t = 0; t < tiers.Count; t++)
        {
            if (tiers[t].LowerBound is { } bound && value >= bound)
            {
                return t;
            }
        }

        return null;
    }

    private sealed record RankedCustomer(Guid CustomerId, decimal? Value, int? Rank);

    /// <summary>Customers with data by value descending (competition rank), then those without data; ties by id.</summary>
    private static List<RankedCustomer> Rank(IReadOnlyList<CustomerMetric> customers)
    {
        var withData = customers.Where(c => c.Value is not null).OrderByDescending(c => c.Value).ThenBy(c => c.CustomerId).ToList();
        var ranked = new List<RankedCustomer>(customers.Count);
        for (var i = 0; i < withData.Count; i++)
        {
            var rank = i > 0 && withData[i].Value == withData[i - 1].Value ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedCustomer(withData[i].CustomerId, withData[i].Value, rank));
        }

        ranked.AddRange(customers.Where(c => c.Value is null).OrderBy(c => c.CustomerId).Select(c => new RankedCustomer(c.CustomerId, null, null)));
        return ranked;
    }

    private static PyramidResult Summarize(List<(RankedCustomer Customer, int Tier)> assigned, List<string> names)
    {
        var byTier = assigned.ToLookup(a => a.Tier, a => a.Customer);
        var summaries = names
            .Select((name, t) => new TierSummary(
                name,
                byTier[t].Count(),
                byTier[t].Sum(c => c.Value ?? 0m),
                byTier[t].Count(c => c.Value is null)))
            .ToList();
        var customers = assigned
            .OrderBy(a => a.Tier) // stable: keeps rank order within a tier
            .Select(a => new CustomerTier(a.Customer.CustomerId, names[a.Tier], a.Customer.Value, a.Customer.Rank))
            .ToList();
        return new PyramidResult(summaries, customers, assigned.Count(a => a.Customer.Value is null));
    }

    private static void ValidateNames(List<DomainError> errors, List<string> names)
    {
        if (names.Count == 0)
        {
            errors.Add(new("Tiers", DomainErrorCodes.Required, "A pyramid needs at least one tier."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                errors.Add(new(TierPath(i, "Name"), DomainErrorCodes.Required, "A tier needs a name."));
            }
            else if (!seen.Add(names[i]))
            {
                errors.Add(new(TierPath(i, "Name"), DomainErrorCodes.Duplicate, "Tier names must be unique."));
            }
        }
    }

    private static string TierPath(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"Tiers[{index}].{field}");
}
