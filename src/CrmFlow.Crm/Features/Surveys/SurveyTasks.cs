using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Domain.Market;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Crm.Features.Surveys;

/// <summary>
/// An internal campaign's inbox tasks: one per employee asked, the questionnaire as the form (question key → field
/// name), the campaign id as the reference. Completing one enters that employee's response.
/// </summary>
internal static class SurveyTasks
{
    /// <summary>The <see cref="UserTaskSpec.Kind"/> of survey tasks.</summary>
    public const string Kind = "SurveyResponse";

    /// <summary>The form of a questionnaire: choices keep their options, ratings are whole numbers from 1 to the scale.</summary>
    public static IReadOnlyList<UserTaskField> Form(IReadOnlyList<Question> questions) =>
    [
        .. questions.Select(q => q.Kind switch
        {
            QuestionKind.SingleChoice => Field(q, UserTaskFieldType.Choice) with { Options = q.Options },
            QuestionKind.MultipleChoice => Field(q, UserTaskFieldType.MultiChoice) with { Options = q.Options },
            QuestionKind.Rating => Field(q, UserTaskFieldType.Number) with { Min = 1, Max = q.ScaleMax, WholeNumber = true },
            QuestionKind.Number => Field(q, UserTaskFieldType.Number) with { Min = q.Min, Max = q.Max },
            _ => Field(q, UserTaskFieldType.Multiline),
        }),
    ];

    /// <summary>The task asking <paramref name="respondentId"/>.</summary>
    public static UserTaskSpec Spec(Guid campaignId, string campaignName, DateTimeOffset endsAt, IReadOnlyList<UserTaskField> form, Guid respondentId) => new()
    {
        Title = $"Survey: {campaignName}",
        Description = $"Please answer the questionnaire of the survey \"{campaignName}\" by {endsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.",
        Assignee = respondentId.ToString(),
        DueAt = endsAt,
        Reference = campaignId.ToString(),
        Form = form,
        Outcomes = ["Done"],
        Kind = Kind,
    };

    /// <summary>Form values (field name → JSON) as answers (question key → JSON element).</summary>
    public static Dictionary<string, JsonElement> Answers(JsonObject? values) =>
        values is null
            ? new(StringComparer.Ordinal)
            : values.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value), StringComparer.Ordinal);

    private static UserTaskField Field(Question q, UserTaskFieldType type) => new() { Name = q.Key, Label = q.Text, Type = type, Required = q.Required };
}
