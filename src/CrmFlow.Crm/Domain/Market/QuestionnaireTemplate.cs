namespace CrmFlow.Crm.Domain.Market;

/// <summary>
/// A questionnaire template (问卷模板). Its questions live in numbered versions: while the latest version is not in
/// use it is edited in place; once it is (a campaign was opened on it, or responses exist), changing the questions
/// adds version n+1 so the answers already given keep the questions they answered. Only an enabled template can
/// be used by a new campaign.
/// </summary>
internal sealed class QuestionnaireTemplate
{
    private readonly List<QuestionnaireVersion> _versions = [];

    private QuestionnaireTemplate()
    {
    }

    public QuestionnaireTemplate(Guid id, string name, string? description, IReadOnlyList<Question> questions, Guid createdById, DateTimeOffset at)
    {
        Id = id;
        CreatedById = createdById;
        CreatedAt = at;
        IsEnabled = true;
        Describe(name, description, at);
        _versions.Add(new QuestionnaireVersion(Guid.CreateVersion7(), id, 1, questions, at));
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = null!;

    public string? Description { get; private set; }

    public bool IsEnabled { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<QuestionnaireVersion> Versions => _versions;

    public QuestionnaireVersion LatestVersion => _versions.MaxBy(v => v.Number)!;

    public void Describe(string name, string? description, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UpdatedAt = at;
    }

    public void SetEnabled(bool enabled, DateTimeOffset at)
    {
        IsEnabled = enabled;
        UpdatedAt = at;
    }

    /// <summary>
    /// Replaces the questions: in place when the latest version is not in use, else as a new version. Unchanged
    /// questions change nothing. Returns the version now holding the questions and whether it is new.
    /// </summary>
    public (QuestionnaireVersion Version, bool Created) ChangeQuestions(IReadOnlyList<Question> questions, bool latestInUse, DateTimeOffset at)
    {
        var latest = LatestVersion;
        if (Questionnaire.Serialize(questions) == Questionnaire.Serialize(latest.Questions))
        {
            return (latest, false);
        }

        UpdatedAt = at;
        if (!latestInUse)
        {
            latest.Replace(questions, at);
            return (latest, false);
        }

        var next = new QuestionnaireVersion(Guid.CreateVersion7(), Id, latest.Number + 1, questions, at);
        _versions.Add(next);
        return (next, true);
    }
}

/// <summary>One numbered version of a template's questions (stored as JSON).</summary>
internal sealed class QuestionnaireVersion
{
    private IReadOnlyList<Question>? _questions;

    private QuestionnaireVersion()
    {
    }

    public QuestionnaireVersion(Guid id, Guid templateId, int number, IReadOnlyList<Question> questions, DateTimeOffset at)
    {
        Id = id;
        TemplateId = templateId;
        Number = number;
        CreatedAt = at;
        Replace(questions, at);
    }

    public Guid Id { get; private set; }

    public Guid TemplateId { get; private set; }

    public int Number { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The questions as stored (JSON).</summary>
    public string QuestionsJson { get; private set; } = "[]";

    public IReadOnlyList<Question> Questions => _questions ??= Questionnaire.Deserialize<List<Question>>(QuestionsJson);

    public void Replace(IReadOnlyList<Question> questions, DateTimeOffset at)
    {
        QuestionsJson = Questionnaire.Serialize(questions);
        _questions = null;
        UpdatedAt = at;
    }
}
