using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

/// <summary>
/// A human task: creates an inbox task (one bookmark whose payload is the <see cref="UserTaskSpec"/>; the runtime
/// writes the task row in the same transaction) and waits until someone completes it. Completing resumes the flow
/// through the chosen outcome (and <c>Done</c>) with the form values as <see cref="Result"/>. With a due time a
/// durable timer bookmark is created too: when it fires while the task is open, the task is marked escalated and
/// the host's <see cref="IUserTaskEscalationHandler"/> runs; the task keeps waiting.
/// </summary>
[Activity("CrmFlow", "UserTask", Version = 1, Category = "Human tasks", DisplayName = "User task",
    Description = "Creates an inbox task for a user or a group and waits until it is completed.")]
public sealed class UserTask : Activity
{
    public const string TypeName = "CrmFlow.UserTask";
    public const string DueCallback = "OnDue";

    [Input(Description = "The task's title.", UIHint = "singleline")]
    public Input<string> Title { get; set; } = default!;

    [Input(Description = "What to do.", UIHint = "multiline")]
    public Input<string> Description { get; set; } = default!;

    [Input(Description = "The user the task is assigned to (user id); empty to offer it to the candidates.", UIHint = "dropdown", OptionsProvider = typeof(IUserOptionsProvider))]
    public Input<string> Assignee { get; set; } = default!;

    [Input(Description = "Users who may claim the task (user ids).", UIHint = "checklist", OptionsProvider = typeof(IUserOptionsProvider))]
    public Input<string[]> CandidateUsers { get; set; } = default!;

    [Input(Description = "Roles whose members may claim the task.", UIHint = "checklist", OptionsProvider = typeof(IRoleOptionsProvider))]
    public Input<string[]> CandidateRoles { get; set; } = default!;

    [Input(Description = "When the task is due; an open task escalates then.")]
    public Input<DateTimeOffset?> DueAt { get; set; } = default!;

    [Input(Description = "When to follow the task up.")]
    public Input<DateTimeOffset?> FollowUpAt { get; set; } = default!;

    [Input(Description = "0 (low) to 100 (urgent).", DefaultValue = 50)]
    public Input<int> Priority { get; set; } = default!;

    [Input(Description = "The record the task is about (a customer id); candidates who cannot see it cannot take the task.", UIHint = "singleline")]
    public Input<string> SubjectId { get; set; } = default!;

    [Input(Description = "A reference shown with the task (e.g. a complaint id).", UIHint = "singleline")]
    public Input<string> Reference { get; set; } = default!;

    [Input(Description = "Form fields: [{\"name\", \"label\", \"type\": Text|Multiline|Number|Boolean|Date|Choice|MultiChoice|User, \"required\", \"options\", \"min\", \"max\", \"wholeNumber\", \"roles\", \"requiresSubjectAccess\"}].",
        UIHint = "json-editor", DefaultValue = "[]")]
    public Input<string> Form { get; set; } = default!;

    [Input(Description = "The outcomes a user can choose (the activity's ports).", UIHint = "dynamic-outcomes")]
    public Input<string[]> Outcomes { get; set; } = default!;

    [Output(Description = "The submitted form values.")]
    public Output<object> Result { get; set; } = default!;

    [Output(Description = "The chosen outcome.")]
    public Output<string> Outcome { get; set; } = default!;

    [Output(Description = "The user who completed the task.")]
    public Output<string> CompletedBy { get; set; } = default!;

    /// <summary>Builds the task from the evaluated inputs.</summary>
    public UserTaskSpec BuildSpec(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var formText = context.Get(Form);
        var form = string.IsNullOrWhiteSpace(formText) ? [] : JsonSerializer.Deserialize<List<UserTaskField>>(formText, UserTaskSpec.JsonOptions) ?? [];
        var outcomes = context.Get(Outcomes) is { Length: > 0 } o ? o : [Activities.Outcomes.Done];
        return new UserTaskSpec
        {
            Title = context.Get(Title) is { Length: > 0 } title ? title : Node.Name ?? Node.Id,
            Description = context.Get(Description),
            Assignee = NullIfEmpty(context.Get(Assignee)),
            CandidateUsers = Clean(context.Get(CandidateUsers)),
            CandidateRoles = Clean(context.Get(CandidateRoles)),
            DueAt = context.Get(DueAt),
            FollowUpAt = context.Get(FollowUpAt),
            Priority = Math.Clamp(context.GetInput(nameof(Priority)) is null ? 50 : context.Get(Priority), 0, 100),
            SubjectId = NullIfEmpty(context.Get(SubjectId)),
            Reference = NullIfEmpty(context.Get(Reference)),
            Form = form,
            Outcomes = outcomes,
        };
    }

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var spec = BuildSpec(context);
        UserTaskBookmarks.Create(context, spec);
        if (spec.DueAt is { } due)
        {
            var at = new JsonObject { ["resumeAt"] = due.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
            context.CreateBookmark(at, at.DeepClone(), DueCallback);
        }

        return default;
    }

    protected internal override async ValueTask OnResumeAsync(ActivityExecutionContext context)
    {
        if (context.ResumedBookmark?.CallbackMethodName == DueCallback)
        {
            await EscalateAsync(context).ConfigureAwait(false);
            return;
        }

        var spec = UserTaskSpec.FromJson(context.ResumedBookmark?.Payload) ?? BuildSpec(context);
        var input = context.ResumeInput ?? new Dictionary<string, object?>();
        var outcome = input.TryGetValue(UserTaskResume.OutcomeKey, out var o) && o?.ToString() is { Length: > 0 } chosen ? chosen : spec.Outcomes[0];
        input.TryGetValue(UserTaskResume.ValuesKey, out var values);
        input.TryGetValue(UserTaskResume.CompletedByKey, out var completedBy);
        context.Set(Result, values is JsonNode node ? JsonValues(node) : values);
        context.Set(Outcome, outcome);
        context.Set(CompletedBy, completedBy?.ToString());
        string[] outcomes = outcome == Activities.Outcomes.Done ? [outcome] : [outcome, Activities.Outcomes.Done];
        await context.CompleteAsync(outcomes).ConfigureAwait(false);
    }

    private static async ValueTask EscalateAsync(ActivityExecutionContext context)
    {
        var taskBookmark = context.Bookmarks.FirstOrDefault(b => b.CallbackMethodName != DueCallback);
        if (taskBookmark is null || UserTaskSpec.FromJson(taskBookmark.Payload) is not { } spec)
        {
            return;
        }

        var now = context.TimeProvider.GetUtcNow();
        spec = spec with { EscalatedAt = now };
        taskBookmark.Payload = spec.ToJson();
        if (context.Services.GetService(typeof(IUserTaskEscalationHandler)) is IUserTaskEscalationHandler handler)
        {
            await handler.OnOverdueAsync(new UserTaskEscalation(taskBookmark.Id, context.WorkflowInstanceId, context.CorrelationId, context.ActivityId ?? string.Empty, spec, now),
                context.CancellationToken).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, object?>? JsonValues(JsonNode node) => JsonSerializer.Deserialize<Dictionary<string, object?>>(node.ToJsonString()) is { } d
        ? d.ToDictionary(kv => kv.Key, kv => kv.Value is JsonElement e ? Plain(e) : kv.Value, StringComparer.Ordinal)
        : null;

    private static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.GetDecimal(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.ToString(),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string[] Clean(string[]? values) => values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];
}
