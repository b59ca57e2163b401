using System.Globalization;

namespace CrmFlow.Crm.Domain.ValuePyramid;

/// <summary>How a customer's tier changed between two pyramid snapshots.</summary>
public enum TierMove
{
    /// <summary>Moved to a higher tier (closer to the top).</summary>
    Up = 0,

    /// <summary>Moved to a lower tier.</summary>
    Down = 1,

    /// <summary>In the later snapshot only (e.g. a new customer).</summary>
    Entered = 2,

    /// <summary>In the earlier snapshot only (e.g. a merged or deleted customer).</summary>
    Left = 3,
}

/// <summary>One customer whose tier changed; <paramref name="From"/> is null when entered, <paramref name="To"/> when left.</summary>
public sealed record TierChange(Guid CustomerId, string? From, string? To, TierMove Move);

/// <summary>
/// Compares two snapshots of one pyramid model (customer → tier name, e.g. two scheduled monthly runs) and lists
/// every customer whose tier moved, with the direction given by the tier order (top first). Customers present in only
/// one snapshot are reported as <see cref="TierMove.Entered"/> or <see cref="TierMove.Left"/>, not ignored;
/// unchanged customers are not listed. Output order: by move (up, down, entered, left), then customer id.
/// A tier name not in the order, or a repeated one in the order, is refused.
/// </summary>
public static class TierChangeDetector
{
    public static DomainResult<IReadOnlyList<TierChange>> Detect(
        IReadOnlyList<string> tierOrder,
        IReadOnlyDictionary<Guid, string> earlier,
        IReadOnlyDictionary<Guid, string> later)
    {
        ArgumentNullException.ThrowIfNull(tierOrder);
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var errors = new List<DomainError>();
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tierOrder.Count; i++)
        {
            if (!rank.TryAdd(tierOrder[i], i))
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"TierOrder[{i}]"), DomainErrorCodes.Duplicate, "Tier names must be unique."));
            }
        }

        if (tierOrder.Count == 0)
        {
            errors.Add(new("TierOrder", DomainErrorCodes.Required, "The tier order is required."));
        }

        AddUnknownTierErrors(errors, rank, earlier, "Earlier");
        AddUnknownTierErrors(errors, rank, later, "Later");
        return DomainResult.From<IReadOnlyList<TierChange>>(errors, () =>
        {
            var changes = new List<TierChange>();
            foreach (var (id, from) in earlier)
            {
                if (!later.TryGetValue(id, out var to))
                {
                    changes.Add(new TierChange(id, from, null, TierMove.Left));
                }
                else if (rank[to] != rank[from])
                {
                    changes.Add(new TierChange(id, from, to, rank[to] < rank[from] ? TierMove.Up : TierMove.Down));
                }
            }

            changes.AddRange(later.Where(l => !earlier.ContainsKey(l.Key)).Select(l => new TierChange(l.Key, null, l.Value, TierMove.Entered)));
            return [.. changes.OrderBy(c => c.Move).ThenBy(c => c.CustomerId)];
        });
    }

    private static void AddUnknownTierErrors(List<DomainError> errors, Dictionary<string, int> rank, IReadOnlyDictionary<Guid, string> snapshot, string path)
    {
        foreach (var (id, tier) in snapshot.OrderBy(s => s.Key))
        {
            if (tier is null || !rank.ContainsKey(tier))
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"{path}[{id}]"), DomainErrorCodes.Unknown, "The tier is not in the tier order."));
            }
        }
    }
}
