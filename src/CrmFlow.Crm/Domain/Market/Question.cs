using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmFlow.Crm.Domain.Market;

/// <summary>What a question asks for and hence how its answer is validated and analysed.</summary>
public enum QuestionKind
{
    /// <summary>Exactly one of <see cref="Question.Options"/>.</summary>
    SingleChoice,

    /// <summary>Any number of distinct <see cref="Question.Options"/>.</summary>
    MultipleChoice,

    /// <summary>An integer from 1 to <see cref="Question.ScaleMax"/> (5 or 10).</summary>
    Rating,

    /// <summary>A number, optionally within <see cref="Question.Min"/> and <see cref="Question.Max"/>.</summary>
    Number,

    /// <summary>Free text.</summary>
    Text,
}

/// <summary>
/// One question of a questionnaire. <paramref name="Key"/> identifies the answer (stable across wording fixes);
/// <paramref name="Options"/> only for choices, <paramref name="ScaleMax"/> only for ratings, <paramref name="Min"/> /
/// <paramref name="Max"/> only for numbers.
/// </summary>
public sealed record Question(
    string Key,
    string Text,
    QuestionKind Kind,
    bool Required,
    IReadOnlyList<string>? Options = null,
    int? ScaleMax = null,
    decimal? Min = null,
    decimal? Max = null)
{
    public bool IsChoice => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
}

/// <summary>Rules over a whole list of questions: its shape (designer) and the answers given to it (responses).</summary>
public static partial class Questionnaire
{
    public const int MaxQuestions = 100;
    public const int MaxOptions = 50;
    public const int MaxTextLength = 4000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every problem of a question list, with paths such as <c>questions[2].options</c>.</summary>
    public static IReadOnlyList<DomainError> ValidateQuestions(IReadOnlyList<Question>? questions)
    {
        var errors = new List<DomainError>();
        if (questions is null || questions.Count == 0)
        {
            errors.Add(new("questions", DomainErrorCodes.Required, "A questionnaire needs at least one question."));
            return errors;
        }

        if (questions.Count > MaxQuestions)
        {
            errors.Add(new("questions", DomainErrorCodes.OutOfRange, $"A questionnaire has at most {MaxQuestions} questions."));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var at = $"questions[{i}]";
            if (q is null)
            {
                errors.Add(new(at, DomainErrorCodes.Required, "The question is missing."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(q.Key) || !KeyPattern().IsMatch(q.Key))
            {
                errors.Add(new($"{at}.key", DomainErrorCodes.Required, "The key must be 1-32 letters, digits, '_' or '-', starting with a letter."));
            }
            else if (!keys.Add(q.Key))
            {
                errors.Add(new($"{at}.key", DomainErrorCodes.Duplicate, $"The key '{q.Key}' is used by another question."));
            }

            if (string.IsNullOrWhiteSpace(q.Text) || q.Text.Length > 500)
            {
                errors.Add(new($"{at}.text", DomainErrorCodes.Required, "The question text is required (at most 500 characters)."));
            }

            if (!Enum.IsDefined(q.Kind))
            {
                errors.Add(new($"{at}.kind", DomainErrorCodes.Unknown, "Unknown question kind."));
                continue;
            }

            if (q.IsChoice)
            {
                var options = q.Options ?? [];
                if (options.Count < 2 || options.Count > MaxOptions)
                {
                    errors.Add(new($"{at}.options", DomainErrorCodes.OutOfRange, $"A choice needs 2 to {MaxOptions} options."));
                }
                else if (options.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > 200))
                {
                    errors.Add(new($"{at}.options", DomainErrorCodes.Required, "Options must not be empty (at most 200 characters)."));
                }
                else if (options.Distinct(StringComparer.Ordinal).Count() != options.Count)
                {
                    errors.Add(new($"{at}.options", DomainErrorCodes.Duplicate, "Options must be distinct."));
                }
            }
            else if (q.Options is { Count: > 0 })
            {
                errors.Add(new($"{at}.options", DomainErrorCodes.OutOfRange, "Only choice questions have options."));
            }

            if (q.Kind == QuestionKind.Rating && q.ScaleMax is not (5 or 10))
            {
                errors.Add(new($"{at}.scaleMax", DomainErrorCodes.OutOfRange, "A rating runs from 1 to 5 or from 1 to 10."));
            }
            else if (q.Kind != QuestionKind.Rating && q.ScaleMax is not null)
            {
                errors.Add(new($"{at}.scaleMax", DomainErrorCodes.OutOfRange, "Only rating questions have a scale."));
            }

            if (q.Kind == QuestionKind.Number)
            {
                if (q.Min is { } min && q.Max is { } max && min > max)
                {
                    errors.Add(new($"{at}.max", DomainErrorCodes.NotOrdered, "The maximum must not be below the minimum."));
                }
            }
            else if (q.Min is not null || q.Max is not null)
            {
                errors.Add(new($"{at}.min", DomainErrorCodes.OutOfRange, "Only number questions have a minimum and maximum."));
            }
        }

        return errors;
    }

    /// <summary>
    /// Checks <paramref name="answers"/> (question key → JSON value) against <paramref name="questions"/> and returns the
    /// normalised answers (unanswered optional questions dropped) or every problem, each on <c>answers.&lt;key&gt;</c>.
    /// </summary>
    public static DomainResult<IReadOnlyDictionary<string, JsonElement>> ValidateAnswers(
        IReadOnlyList<Question> questions, IReadOnlyDictionary<string, JsonElement>? answers)
    {
        ArgumentNullException.ThrowIfNull(questions);
        answers ??= new Dictionary<string, JsonElement>();
        var errors = new List<DomainError>();
        var known = questions.Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in answers.Keys.Where(k => !known.Contains(k)))
        {
            errors.Add(new($"answers.{unknown}", DomainErrorCodes.Unknown, $"The questionnaire has no question '{unknown}'."));
        }

        var normalised = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var q in questions)
        {
            var field = $"answers.{q.Key}";
            if (!answers.TryGetValue(q.Key, out var value) || IsBlank(value))
            {
                if (q.Required)
                {
                    errors.Add(new(field, DomainErrorCodes.Required, $"'{q.Text}' is required."));
                }

                continue;
            }

            var problem = Check(q, value);
            if (problem is null)
            {
                normalised[q.Key] = value.Clone();
            }
            else
            {
                errors.Add(new(field, DomainErrorCodes.OutOfRange, problem));
            }
        }

        return DomainResult.From<IReadOnlyDictionary<string, JsonElement>>(errors, () => normalised);
    }

    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    internal static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    private static bool IsBlank(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => true,
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    private static string? Check(Question q, JsonElement value)
    {
        switch (q.Kind)
        {
            case QuestionKind.SingleChoice:
                return value.ValueKind == JsonValueKind.String && q.Options!.Contains(value.GetString()!, StringComparer.Ordinal)
                    ? null
                    : $"'{value}' is not one of the options of '{q.Text}'.";
            case QuestionKind.MultipleChoice:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return "A multiple choice answer is a list of options.";
                }

                var chosen = value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList();
                if (chosen.Any(c => c is null || !q.Options!.Contains(c, StringComparer.Ordinal)))
                {
                    return $"Every choice must be one of the options of '{q.Text}'.";
                }

                return chosen.Distinct(StringComparer.Ordinal).Count() == chosen.Count ? null : "An option is chosen twice.";
            case QuestionKind.Rating:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var rating) && rating >= 1 && rating <= q.ScaleMax
                    ? null
                    : $"The rating must be a whole number from 1 to {q.ScaleMax}.";
            case QuestionKind.Number:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
                {
                    return "The answer must be a number.";
                }

                return (q.Min is { } min && number < min) || (q.Max is { } max && number > max)
                    ? $"The number must be between {q.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞"} and {q.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}."
                    : null;
            default:
                return value.ValueKind == JsonValueKind.String && value.GetString()!.Length <= MaxTextLength
                    ? null
                    : $"The answer must be text of at most {MaxTextLength} characters.";
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex KeyPattern();
}
