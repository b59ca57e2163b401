using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CrmFlow.Workflows.Runtime;

/// <summary>The kinds of form fields a user task can ask for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserTaskFieldType>))]
public enum UserTaskFieldType
{
    Text,
    Multiline,
    Number,
    Boolean,
    Date,
    Choice,

    /// <summary>A user id; with <see cref="UserTaskField.RequiresSubjectAccess"/> the user must be able to see the task's subject.</summary>
    User,

    /// <summary>Any number of distinct <see cref="UserTaskField.Options"/>; the value is a JSON array of them.</summary>
    MultiChoice,
}

/// <summary>One field of a user task's form.</summary>
public sealed record UserTaskField
{
    public required string Name { get; init; }

    public string? Label { get; init; }

    public UserTaskFieldType Type { get; init; } = UserTaskFieldType.Text;

    public bool Required { get; init; }

    /// <summary>Allowed values of a <see cref="UserTaskFieldType.Choice"/> or <see cref="UserTaskFieldType.MultiChoice"/> field.</summary>
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>The smallest value a <see cref="UserTaskFieldType.Number"/> field accepts (none when null).</summary>
    public decimal? Min { get; init; }

    /// <summary>The largest value a <see cref="UserTaskFieldType.Number"/> field accepts (none when null).</summary>
    public decimal? Max { get; init; }

    /// <summary>A <see cref="UserTaskFieldType.Number"/> field that takes whole numbers only (e.g. a rating).</summary>
    public bool WholeNumber { get; init; }

    /// <summary>Roles a <see cref="UserTaskFieldType.User"/> field picks from (any user when empty).</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>A picked user must pass the host's access check on the task's subject.</summary>
    public bool RequiresSubjectAccess { get; init; }
}

/// <summary>What a <c>CrmFlow.UserTask</c> asks for; carried in its bookmark's payload and copied into the task store.</summary>
public sealed record UserTaskSpec
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? Assignee { get; init; }

    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    public IReadOnlyList<string> CandidateRoles { get; init; } = [];

    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset? FollowUpAt { get; init; }

    /// <summary>0 (low) … 100 (urgent); 50 by default.</summary>
    public int Priority { get; init; } = 50;

    /// <summary>The business record the task is about (the CRM puts the customer id here: it decides who may take the task).</summary>
    public string? SubjectId { get; init; }

    /// <summary>A free reference shown with the task (e.g. a complaint id).</summary>
    public string? Reference { get; init; }

    public IReadOnlyList<UserTaskField> Form { get; init; } = [];

    public IReadOnlyList<string> Outcomes { get; init; } = ["Done"];

    /// <summary>Set when the due time passed while the task was open.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>
    /// What kind of work the task is, for the host (e.g. <c>SurveyResponse</c>): a host may check the completion of
    /// the kinds it knows before the flow resumes. Null for plain tasks.
    /// </summary>
    public string? Kind { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, JsonOptions)!;

    public static UserTaskSpec? FromJson(JsonNode? node) =>
        node is JsonObject o && o["title"] is not null ? o.Deserialize<UserTaskSpec>(JsonOptions) : null;
}

public enum UserTaskStatus
{
    /// <summary>Waiting for a candidate to claim it.</summary>
    Open,

    /// <summary>Assigned to (or claimed by) one user.</summary>
    Assigned,

    Completed,

    /// <summary>Its activity or instance ended without completing it.</summary>
    Cancelled,
}

/// <summary>An inbox task as stored.</summary>
public sealed record UserTaskItem
{
    /// <summary>The id of the bookmark the task waits on.</summary>
    public required string Id { get; init; }

    public required string WorkflowInstanceId { get; init; }

    public required string DefinitionId { get; init; }

    public string? ProcessName { get; init; }

    public required string ActivityId { get; init; }

    public required UserTaskSpec Spec { get; init; }

    public UserTaskStatus Status { get; init; }

    public string? Assignee { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? CompletedBy { get; init; }

    public string? Outcome { get; init; }

    public JsonObject? Result { get; init; }

    /// <summary>Optimistic concurrency: changed by every operation.</summary>
    public long Revision { get; init; }

    public bool IsOverdue(DateTimeOffset now) => Status is UserTaskStatus.Open or UserTaskStatus.Assigned && Spec.DueAt is { } due && due <= now;
}

public sealed record UserTaskComment(string Id, string TaskId, string Author, string Text, DateTimeOffset CreatedAt);

/// <summary>A history line of a task (created, claimed, unclaimed, reassigned with reason, completed, commented…).</summary>
public sealed record UserTaskEvent(string TaskId, string Kind, string? Actor, string? Detail, DateTimeOffset At);

public enum UserTaskScope
{
    /// <summary>Assigned to the user.</summary>
    Mine,

    /// <summary>Unassigned, the user or one of the user's roles among the candidates.</summary>
    MyGroups,

    /// <summary>Everything (supervisors).</summary>
    All,

    /// <summary>Completed by the user.</summary>
    History,
}

public enum UserTaskSort
{
    DueAt,
    Priority,
    CreatedAt,
}

/// <summary>An inbox query.</summary>
public sealed record UserTaskQuery
{
    public UserTaskScope Scope { get; init; } = UserTaskScope.Mine;

    public required string UserId { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public UserTaskStatus? Status { get; init; }

    public DateTimeOffset? DueBefore { get; init; }

    public DateTimeOffset? DueAfter { get; init; }

    /// <summary>Only tasks whose due time is before this instant (now) and that are still open.</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    public string? DefinitionId { get; init; }

    public string? SubjectId { get; init; }

    public string? WorkflowInstanceId { get; init; }

    public UserTaskSort Sort { get; init; } = UserTaskSort.DueAt;

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 20;

    /// <summary>False when the caller already knows the total (e.g. it equals a tab count): <see cref="UserTaskPage.TotalCount"/> is then -1.</summary>
    public bool CountTotal { get; init; } = true;
}

/// <summary>One page of tasks and the number of tasks matching the query (-1 when not counted, see <see cref="UserTaskQuery.CountTotal"/>).</summary>
public sealed record UserTaskPage(IReadOnlyList<UserTaskItem> Items, int TotalCount);

/// <summary>Counts for the inbox tabs.</summary>
public sealed record UserTaskCounts(int Mine, int MyGroups, int All, int Overdue);

/// <summary>A task operation lost a race or the task is no longer in a state that allows it.</summary>
public sealed class UserTaskConflictException(string message) : Exception(message);

/// <summary>
/// The inbox store. Task rows are written by the runtime in the same transaction as the bookmark they wait on
/// (created once per bookmark, completed when the bookmark is consumed); this interface reads them and applies
/// the inbox operations with optimistic concurrency.
/// </summary>
public interface IUserTaskStore
{
    ValueTask<UserTaskItem?> FindAsync(string taskId, CancellationToken cancellationToken = default);

    ValueTask<UserTaskPage> ListAsync(UserTaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>The inbox tab counts; <see cref="UserTaskCounts.All"/> is 0 unless <paramref name="includeAll"/> (only supervisors see it).</summary>
    ValueTask<UserTaskCounts> CountAsync(
        string userId, IReadOnlyList<string> roles, DateTimeOffset now, bool includeAll = true, CancellationToken cancellationToken = default);

    /// <summary>Open tasks of the given instances (the current steps).</summary>
    ValueTask<IReadOnlyList<UserTaskItem>> ListOpenByInstancesAsync(IReadOnlyCollection<string> workflowInstanceIds, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the assignee if the task still has <paramref name="expectedRevision"/> and is not finished; else <see cref="UserTaskConflictException"/>.</summary>
    ValueTask<UserTaskItem> AssignAsync(string taskId, long expectedRevision, string? assignee, string actor, string eventKind, string? detail, CancellationToken cancellationToken = default);

    ValueTask<UserTaskComment> AddCommentAsync(string taskId, string author, string text, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<UserTaskComment>> ListCommentsAsync(string taskId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<UserTaskEvent>> ListEventsAsync(string taskId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Optional host hook, called by <c>CrmFlow.UserTask</c> inside the burst when a task's due time passes while it
/// is open (the durable timer fired). The CRM marks the business record overdue and notifies people.
/// </summary>
public interface IUserTaskEscalationHandler
{
    ValueTask OnOverdueAsync(UserTaskEscalation escalation, CancellationToken cancellationToken = default);
}

public sealed record UserTaskEscalation(string TaskId, string WorkflowInstanceId, string? CorrelationId, string ActivityId, UserTaskSpec Spec, DateTimeOffset At);

/// <summary>Resume input of a user task bookmark (the inbox's complete operation).</summary>
public static class UserTaskResume
{
    public const string OutcomeKey = "Outcome";
    public const string ValuesKey = "Values";
    public const string CompletedByKey = "CompletedBy";

    /// <summary>
    /// Resume input key of a withdrawal: the task is no longer needed (e.g. the answer arrived another way). The
    /// owning activity resumes without a result and the inbox shows the task cancelled with this reason.
    /// </summary>
    public const string WithdrawnKey = "Withdrawn";
}

/// <summary>
/// The bookmarks that are inbox tasks: a stimulus <c>{"userTask": activityInstanceId[, "key": …]}</c>, no callback, and a
/// <see cref="UserTaskSpec"/> payload. <c>CrmFlow.UserTask</c> creates one; an activity that asks several people at
/// once (one task each) creates one per person with its own key. The runtime writes a task row for each.
/// </summary>
public static class UserTaskBookmarks
{
    public const string StimulusKey = "userTask";
    public const string KeyProperty = "key";

    /// <summary>Creates a task bookmark for <paramref name="spec"/>; <paramref name="key"/> tells apart the tasks of one activity.</summary>
    public static Bookmark Create(ActivityExecutionContext context, UserTaskSpec spec, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(spec);
        var stimulus = new JsonObject { [StimulusKey] = context.Id };
        if (key is not null)
        {
            stimulus[KeyProperty] = key;
        }

        return context.CreateBookmark(stimulus, spec.ToJson());
    }

    public static bool IsTask(Bookmark bookmark)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        return bookmark.CallbackMethodName == null && bookmark.Stimulus is JsonObject stimulus && stimulus.ContainsKey(StimulusKey)
            && bookmark.Payload is JsonObject;
    }

    /// <summary>The key given to <see cref="Create"/>, or null.</summary>
    public static string? KeyOf(Bookmark? bookmark) =>
        bookmark?.Stimulus is JsonObject stimulus && stimulus[KeyProperty] is JsonValue value && value.TryGetValue<string>(out var key) ? key : null;
}

/// <summary>Validates submitted form values against a task's field definitions.</summary>
public static class UserTaskFormValidator
{
    /// <summary>Field errors keyed by field name (empty when valid), plus the normalised values.</summary>
    public static (IReadOnlyDictionary<string, string> Errors, JsonObject Values) Validate(UserTaskSpec spec, string? outcome, JsonObject? values)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var normalised = new JsonObject();
        if (outcome is not null && !spec.Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            errors["outcome"] = $"Outcome '{outcome}' is not one of: {string.Join(", ", spec.Outcomes)}.";
        }

        values ??= [];
        foreach (var field in spec.Form)
        {
            var node = values[field.Name];
            if (node is null || node.GetValueKind() == JsonValueKind.Null || (node.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(node.GetValue<string>())))
            {
                if (field.Required)
                {
                    errors[field.Name] = $"'{field.Label ?? field.Name}' is required.";
                }

                continue;
            }

            var kind = node.GetValueKind();
            switch (field.Type)
            {
                case UserTaskFieldType.Boolean:
                    if (kind is JsonValueKind.True or JsonValueKind.False)
                    {
                        normalised[field.Name] = kind == JsonValueKind.True;
                    }
                    else if (kind == JsonValueKind.String && bool.TryParse(node.GetValue<string>(), out var b))
                    {
                        normalised[field.Name] = b;
                    }
                    else
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' must be true or false.";
                    }

                    break;
                case UserTaskFieldType.Number:
                    decimal? number = null;
                    if (kind == JsonValueKind.Number)
                    {
                        number = node.GetValue<decimal>();
                    }
                    else if (kind == JsonValueKind.String && decimal.TryParse(node.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
                    {
                        number = d;
                    }

                    if (number is not { } n || (field.WholeNumber && n != decimal.Truncate(n)))
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' must be a {(field.WholeNumber ? "whole " : string.Empty)}number.";
                    }
                    else if ((field.Min is { } min && n < min) || (field.Max is { } max && n > max))
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' must be between {Bound(field.Min, "-∞")} and {Bound(field.Max, "∞")}.";
                    }
                    else
                    {
                        normalised[field.Name] = n;
                    }

                    break;
                case UserTaskFieldType.MultiChoice:
                    var chosen = kind == JsonValueKind.Array
                        ? node.AsArray().Select(v => v is JsonValue item && item.TryGetValue<string>(out var choice) ? choice : null).ToList()
                        : null;
                    var allowed = field.Options ?? [];
                    if (chosen is null || chosen.Any(c => c is null || !allowed.Contains(c, StringComparer.Ordinal)))
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' must be a list of: {string.Join(", ", allowed)}.";
                    }
                    else if (chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Count)
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' lists an option twice.";
                    }
                    else if (chosen.Count == 0)
                    {
                        if (field.Required)
                        {
                            errors[field.Name] = $"'{field.Label ?? field.Name}' is required.";
                        }
                    }
                    else
                    {
                        normalised[field.Name] = new JsonArray([.. chosen.Select(c => (JsonNode?)JsonValue.Create(c))]);
                    }

                    break;
                case UserTaskFieldType.Date:
                    if (kind == JsonValueKind.String && DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    {
                        normalised[field.Name] = at.ToString("O", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' must be a date.";
                    }

                    break;
                default:
                    var text = kind == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
                    if (field.Type == UserTaskFieldType.Choice && field.Options is { Count: > 0 } options && !options.Contains(text, StringComparer.Ordinal))
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' must be one of: {string.Join(", ", options)}.";
                    }
                    else if (text.Length > 4000)
                    {
                        errors[field.Name] = $"'{field.Label ?? field.Name}' must be at most 4000 characters.";
                    }
                    else
                    {
                        normalised[field.Name] = text;
                    }

                    break;
            }
        }

        return (errors, normalised);
    }

    private static string Bound(decimal? value, string none) => value?.ToString(CultureInfo.InvariantCulture) ?? none;
}
