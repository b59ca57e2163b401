using System.Diagnostics;
using System.Globalization;

namespace CrmFlow.Benchmarks.Volume;

/// <summary>Latency of one query: nearest-rank percentiles over the measured iterations (after the warm-up ones).</summary>
internal sealed record Latency(string Name, int Iterations, double P50, double P95, double P99, double Max, double Mean);

internal static class Measure
{
    public static async Task<Latency> LatencyAsync(string name, int warmup, int iterations, Func<int, Task> action)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action(i);
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Latency(name, iterations, Rank(samples, 0.50), Rank(samples, 0.95), Rank(samples, 0.99), samples[^1], samples.Average());
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Ms(double value) => value.ToString(value < 100 ? "0.00" : "0", CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / 1024d / 1024d).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Prints rows as a Markdown table (pasted into docs/benchmarks.md).</summary>
    public static void PrintTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// Memory of one measured call: the process's peak resident set during the call (Linux: the high-water mark is reset
/// before the call through <c>/proc/self/clear_refs</c>, then read from <c>/proc/self/status</c>; elsewhere the peak
/// working set since the process started), the managed heap's sampled peak, and the bytes allocated.
/// </summary>
internal sealed class MemoryProbe : IDisposable
{
    private readonly long allocatedBefore;
    private readonly Timer sampler;
    private long peakManaged;

    private MemoryProbe()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeakResident();
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        peakManaged = GC.GetTotalMemory(false);
        sampler = new Timer(_ => Sample(), null, 0, 5);
    }

    public long PeakResidentBytes { get; private set; }

    public long PeakManagedBytes => Interlocked.Read(ref peakManaged);

    public long AllocatedBytes { get; private set; }

    public static MemoryProbe Start() => new();

    public void Stop()
    {
        sampler.Dispose();
        Sample();
        AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        PeakResidentBytes = ReadPeakResident() ?? Process.GetCurrentProcess().PeakWorkingSet64;
    }

    public void Dispose() => sampler.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        do
        {
            seen = Interlocked.Read(ref peakManaged);
        }
        while (now > seen && Interlocked.CompareExchange(ref peakManaged, now, seen) != seen);
    }

    private static void ResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then counts from the process start (seeding included).
        }
    }

    private static long? ReadPeakResident()
    {
        if (!File.Exists("/proc/self/status"))
        {
            return null;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kb is null ? null : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }
}
