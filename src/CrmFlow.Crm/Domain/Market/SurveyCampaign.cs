using System.Text.Json;

namespace CrmFlow.Crm.Domain.Market;

/// <summary>Who a campaign asks: customers and their contacts (external) or employees (internal).</summary>
public enum SurveyAudience
{
    External,
    Internal,
}

/// <summary>Draft (planned) → Open (answers accepted) → Closed.</summary>
public enum SurveyCampaignStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>Whom one response is from.</summary>
public enum RespondentKind
{
    Customer,
    Contact,
    Employee,
}

/// <summary>
/// A survey campaign (市场调查活动) on one version of an enabled template, for a period, with an owner. The
/// <c>survey-campaign</c> flow opens it, reminds before <see cref="EndsAt"/> and closes it at the end.
/// </summary>
internal sealed class SurveyCampaign
{
    private SurveyCampaign()
    {
    }

    public SurveyCampaign(
        Guid id, string name, Guid templateId, Guid templateVersionId, SurveyAudience audience, DateTimeOffset startsAt,
        DateTimeOffset endsAt, DateTimeOffset? reminderAt, Guid ownerId, IReadOnlyList<Guid> participantIds, Guid createdById, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name.Trim();
        TemplateId = templateId;
        TemplateVersionId = templateVersionId;
        Audience = audience;
        StartsAt = startsAt;
        EndsAt = endsAt;
        ReminderAt = reminderAt;
        OwnerId = ownerId;
        ParticipantIds = [.. participantIds.Distinct()];
        CreatedById = createdById;
        CreatedAt = at;
        Status = SurveyCampaignStatus.Draft;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = null!;

    public Guid TemplateId { get; private set; }

    public Guid TemplateVersionId { get; private set; }

    public SurveyAudience Audience { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>When the flow reminds the respondents who have not answered; none when null.</summary>
    public DateTimeOffset? ReminderAt { get; private set; }

    public Guid OwnerId { get; private set; }

    /// <summary>The employees asked (internal campaigns).</summary>
    public List<Guid> ParticipantIds { get; private set; } = [];

    public SurveyCampaignStatus Status { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    public DateTimeOffset? RemindedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The workflow instance running the campaign, once launched.</summary>
    public string? WorkflowInstanceId { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Launched(string workflowInstanceId) => WorkflowInstanceId = workflowInstanceId;

    /// <summary>Opens a draft; opening an open campaign again changes nothing (replays of the flow step).</summary>
    public bool Open(DateTimeOffset at)
    {
        if (Status != SurveyCampaignStatus.Draft)
        {
            return false;
        }

        Status = SurveyCampaignStatus.Open;
        OpenedAt = at;
        return true;
    }

    /// <summary>Records the reminder; true the first time only (respondents are notified once).</summary>
    public bool MarkReminded(DateTimeOffset at)
    {
        if (RemindedAt is not null)
        {
            return false;
        }

        RemindedAt = at;
        return true;
    }

    /// <summary>Closes the campaign (from draft or open); closing again changes nothing.</summary>
    public bool Close(DateTimeOffset at)
    {
        if (Status == SurveyCampaignStatus.Closed)
        {
            return false;
        }

        Status = SurveyCampaignStatus.Closed;
        ClosedAt = at;
        return true;
    }
}

/// <summary>One returned questionnaire: at most one per respondent and campaign (unique index).</summary>
internal sealed class SurveyResponse
{
    private SurveyResponse()
    {
    }

    public SurveyResponse(
        Guid id, Guid campaignId, RespondentKind respondentKind, Guid respondentId, Guid? customerId,
        IReadOnlyDictionary<string, JsonElement> answers, Guid enteredById, DateTimeOffset at)
    {
        Id = id;
        CampaignId = campaignId;
        RespondentKind = respondentKind;
        RespondentId = respondentId;
        CustomerId = customerId;
        AnswersJson = Questionnaire.Serialize(answers);
        EnteredById = enteredById;
        EnteredAt = at;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public RespondentKind RespondentKind { get; private set; }

    public Guid RespondentId { get; private set; }

    /// <summary>The respondent's customer (external), for segment filters.</summary>
    public Guid? CustomerId { get; private set; }

    public string AnswersJson { get; private set; } = "{}";

    public Guid EnteredById { get; private set; }

    public DateTimeOffset EnteredAt { get; private set; }

    public Dictionary<string, JsonElement> Answers => Questionnaire.Deserialize<Dictionary<string, JsonElement>>(AnswersJson);
}
