using System.Text.Json;

namespace CrmFlow.Crm.Domain.Market;

/// <summary>The results of one question over a set of responses.</summary>
/// <summary><c>Answered</c>: How many responses answer it (the base of every percentage).</summary>
public sealed record QuestionResult(
    string Key,
    string Text,
    QuestionKind Kind,
    int Answered,
    IReadOnlyList<OptionCount>? Options,
    NumberSummary? Numbers,
    IReadOnlyList<string>? TextAnswers);

/// <summary>How often an option was chosen; <paramref name="Percent"/> of the responses answering the question (0–100,
/// rounded to 2 places; multiple choice can sum above 100).</summary>
public sealed record OptionCount(string Option, int Count, decimal Percent);

/// <summary>Average, median and histogram of ratings or numbers.</summary>
public sealed record NumberSummary(decimal Average, decimal Median, decimal Min, decimal Max, IReadOnlyList<HistogramBin> Histogram);

/// <summary>A histogram bin: values from <paramref name="From"/> up to (excluding, except the last bin) <paramref name="To"/>;
/// for ratings one bin per scale point with From = To.</summary>
public sealed record HistogramBin(decimal From, decimal To, int Count);

/// <summary>Per-question analysis (distribution, percentages, average, median, histogram, text answers).</summary>
public static class SurveyAnalysis
{
    public const int NumberBins = 10;

    public static IReadOnlyList<QuestionResult> Analyze(
        IReadOnlyList<Question> questions, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> responses)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(responses);
        return [.. questions.Select(q => Analyze(q, [.. responses.Select(r => r.TryGetValue(q.Key, out var v) ? v : default)
            .Where(v => v.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))]))];
    }

    private static QuestionResult Analyze(Question q, List<JsonElement> answers)
    {
        switch (q.Kind)
        {
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleChoice:
                var chosen = answers.SelectMany(a => a.ValueKind == JsonValueKind.Array
                        ? a.EnumerateArray().Select(v => v.GetString())
                        : [a.GetString()])
                    .GroupBy(o => o, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key ?? string.Empty, g => g.Count(), StringComparer.Ordinal);
                var options = (q.Options ?? []).Select(o =>
                {
                    var count = chosen.GetValueOrDefault(o);
                    return new OptionCount(o, count, Percent(count, answers.Count));
                }).ToList();
                return new(q.Key, q.Text, q.Kind, answers.Count, options, null, null);
            case QuestionKind.Rating:
            case QuestionKind.Number:
                var values = answers.Select(a => a.GetDecimal()).ToList();
                return new(q.Key, q.Text, q.Kind, values.Count, null, Summarize(q, values), null);
            default:
                return new(q.Key, q.Text, q.Kind, answers.Count, null, null, [.. answers.Select(a => a.GetString()!)]);
        }
    }

    internal static decimal Percent(int count, int total) => total == 0 ? 0 : Math.Round(count * 100m / total, 2, MidpointRounding.AwayFromZero);

    private static NumberSummary? Summarize(Question q, List<decimal> values)
    {
        if (q.Kind == QuestionKind.Rating)
        {
            var scale = q.ScaleMax ?? 5;
            var bins = Enumerable.Range(1, scale).Select(p => new HistogramBin(p, p, values.Count(v => v == p))).ToList();
            return values.Count == 0 ? new NumberSummary(0, 0, 0, 0, bins) : Stats(values, bins);
        }

        if (values.Count == 0)
        {
            return null;
        }

        var min = values.Min();
        var max = values.Max();
        var width = (max - min) / NumberBins;
        List<HistogramBin> histogram;
        if (width == 0)
        {
            histogram = [new HistogramBin(min, max, values.Count)];
        }
        else
        {
            histogram = [.. Enumerable.Range(0, NumberBins).Select(i => new HistogramBin(min + (i * width), i == NumberBins - 1 ? max : min + ((i + 1) * width), 0))];
            var counts = new int[NumberBins];
            foreach (var v in values)
            {
                counts[Math.Min(NumberBins - 1, (int)((v - min) / width))]++;
            }

            histogram = [.. histogram.Select((b, i) => b with { Count = counts[i] })];
        }

        return Stats(values, histogram);
    }

    private static NumberSummary Stats(List<decimal> values, IReadOnlyList<HistogramBin> bins)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new NumberSummary(Math.Round(values.Average(), 4, MidpointRounding.AwayFromZero), median, sorted[0], sorted[^1], bins);
    }
}
