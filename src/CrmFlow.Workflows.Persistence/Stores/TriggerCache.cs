using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Persistence.Runtime;
using CrmFlow.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>
/// Trigger rows by activity type (the HTTP route table), kept per host so a request does not read them. This host's
/// publish, retract and delete clear it after their commit; a change made by another host on the same database is
/// seen once the entry is older than <see cref="WorkflowRuntimeOptions.TriggerCacheDuration"/>.
/// </summary>
internal sealed class TriggerCache(IOptions<WorkflowRuntimeOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _version;

    public async ValueTask<IReadOnlyList<StoredTrigger>> GetByNameAsync(
        string activityType, Func<CancellationToken, Task<IReadOnlyList<StoredTrigger>>> load, CancellationToken cancellationToken)
    {
        var duration = options.Value.TriggerCacheDuration;
        var version = Interlocked.Read(ref _version);
        if (duration > TimeSpan.Zero && _entries.TryGetValue(activityType, out var entry) && entry.Version == version
            && TimeProvider.System.GetElapsedTime(entry.LoadedAt) < duration)
        {
            return entry.Triggers;
        }

        var loadedAt = TimeProvider.System.GetTimestamp();
        var triggers = await load(cancellationToken).ConfigureAwait(false);
        foreach (var trigger in triggers)
        {
            // Shared by concurrent requests: materialise the lazily parsed JSON once, here, before anyone reads it.
            if (trigger.Stimulus is JsonObject stimulus)
            {
                _ = stimulus.Count;
            }
        }

        // A load that raced with an invalidation may have read the old rows: use it once, do not keep it.
        if (duration > TimeSpan.Zero && Interlocked.Read(ref _version) == version)
        {
            _entries[activityType] = new Entry(version, loadedAt, triggers);
        }

        return triggers;
    }

    /// <summary>Forgets every entry; call after committing a change to the trigger table.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _entries.Clear();
    }

    private sealed record Entry(long Version, long LoadedAt, IReadOnlyList<StoredTrigger> Triggers);
}
