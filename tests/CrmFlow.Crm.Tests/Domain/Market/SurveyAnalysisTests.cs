using System.Text.Json;
using CrmFlow.Crm.Domain.Market;

namespace CrmFlow.Crm.Tests.Domain.Market;

public sealed class SurveyAnalysisTests
{
    [Fact]
    public void Choices_ratings_numbers_and_texts_are_summarised()
    {
        Question[] questions =
        [
            new("c", "C", QuestionKind.SingleChoice, true, ["X", "Y", "Z"]),
            new("r", "R", QuestionKind.Rating, true, ScaleMax: 5),
            new("n", "N", QuestionKind.Number, false),
            new("t", "T", QuestionKind.Text, false),
        ];
        var responses = new[]
        {
            """{"c":"X","r":5,"n":10,"t":"a"}""",
            """{"c":"X","r":1,"n":20}""",
            """{"c":"Y","r":3}""",
        }.Select(j => (IReadOnlyDictionary<string, JsonElement>)JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(j)!).ToList();

        var results = SurveyAnalysis.Analyze(questions, responses);

        Assert.Equal([("X", 2, 66.67m), ("Y", 1, 33.33m), ("Z", 0, 0m)], results[0].Options!.Select(o => (o.Option, o.Count, o.Percent)));
        Assert.Equal((3m, 3m, 1m, 5m), (results[1].Numbers!.Average, results[1].Numbers!.Median, results[1].Numbers!.Min, results[1].Numbers!.Max));
        Assert.Equal([1, 0, 1, 0, 1], results[1].Numbers!.Histogram.Select(b => b.Count));
        Assert.Equal(2, results[2].Answered);
        Assert.Equal(15m, results[2].Numbers!.Median);
        Assert.Equal(["a"], results[3].TextAnswers);
    }

    [Theory]
    [InlineData(1, 0, 0, null)]
    [InlineData(2, 1, 1, 50)]
    [InlineData(3, 3, 0, 100)]
    public void Win_rate_counts_decided_opportunities_only(int total, int won, int lost, int? rate)
    {
        var links = Enumerable.Range(0, total).Select(i =>
            (i < won ? CompetitionOutcome.Won : i < won + lost ? CompetitionOutcome.Lost : CompetitionOutcome.Open, 10m));

        var record = CompetitorAnalysis.Record(links);

        Assert.Equal(rate, (int?)record.WinRate);
        Assert.Equal(total * 10m, record.TotalAmount);
    }
}
