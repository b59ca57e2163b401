using System.Text.Json;
using CrmFlow.Crm.Domain.Market;

namespace CrmFlow.Crm.Tests.Domain.Market;

public sealed class QuestionnaireTests
{
    private static readonly Question[] Questions =
    [
        new("color", "Colour", QuestionKind.SingleChoice, true, ["Red", "Green"]),
        new("features", "Features", QuestionKind.MultipleChoice, false, ["A", "B"]),
        new("score", "Score", QuestionKind.Rating, true, ScaleMax: 10),
        new("budget", "Budget", QuestionKind.Number, false, Min: 0, Max: 100),
        new("comment", "Comment", QuestionKind.Text, false),
    ];

    [Theory]
    [InlineData("""{"color":"Red","score":10}""", null)]
    [InlineData("""{"score":3}""", "answers.color")]
    [InlineData("""{"color":"Blue","score":3}""", "answers.color")]
    [InlineData("""{"color":"Red","score":11}""", "answers.score")]
    [InlineData("""{"color":"Red","score":0}""", "answers.score")]
    [InlineData("""{"color":"Red","score":2.5}""", "answers.score")]
    [InlineData("""{"color":"Red","score":2,"features":["A","A"]}""", "answers.features")]
    [InlineData("""{"color":"Red","score":2,"features":"A"}""", "answers.features")]
    [InlineData("""{"color":"Red","score":2,"budget":101}""", "answers.budget")]
    [InlineData("""{"color":"Red","score":2,"budget":"ten"}""", "answers.budget")]
    [InlineData("""{"color":"Red","score":2,"comment":5}""", "answers.comment")]
    [InlineData("""{"color":"Red","score":2,"other":1}""", "answers.other")]
    public void Answers_are_checked_against_the_questions(string json, string? badField)
    {
        var answers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

        var result = Questionnaire.ValidateAnswers(Questions, answers);

        if (badField is null)
        {
            Assert.True(result.IsSuccess);
        }
        else
        {
            Assert.Equal(badField, Assert.Single(result.Errors).Field);
        }
    }

    [Fact]
    public void Optional_blank_answers_are_dropped()
    {
        var answers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"color":"Red","score":2,"features":[],"comment":" "}""")!;

        var result = Questionnaire.ValidateAnswers(Questions, answers);

        Assert.Equal(["color", "score"], result.Value.Keys.Order());
    }

    [Fact]
    public void A_template_in_use_keeps_its_version_and_adds_a_new_one()
    {
        var at = DateTimeOffset.UnixEpoch;
        var template = new QuestionnaireTemplate(Guid.NewGuid(), "T", null, Questions, Guid.NewGuid(), at);
        var changed = Questions.Take(2).ToArray();

        Assert.Equal((1, false), Pick(template.ChangeQuestions(changed, latestInUse: false, at)));
        Assert.Equal((1, false), Pick(template.ChangeQuestions(changed, latestInUse: true, at)));
        Assert.Equal((2, true), Pick(template.ChangeQuestions(Questions, latestInUse: true, at)));
        Assert.Equal(2, template.Versions.Single(v => v.Number == 1).Questions.Count);

        static (int, bool) Pick((QuestionnaireVersion Version, bool Created) r) => (r.Version.Number, r.Created);
    }
}
