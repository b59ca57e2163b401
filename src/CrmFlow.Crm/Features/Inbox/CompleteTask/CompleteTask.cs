using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Inbox.CompleteTask;

/// <summary>
/// Completes a task: only its assignee may; the values are validated against the task's form (400 naming the
/// field, e.g. <c>values.handler</c>); a user picked in a field that requires customer access must pass the
/// permission verification (422 <c>task.user_lacks_access</c> with the reason, the task stays open); a task of a kind
/// with rules of its own (<see cref="ITaskCompletionCheck"/>, e.g. survey answers) passes them too. Then the flow
/// resumes through the chosen outcome with the values — exactly once: a second completion is 409.
/// </summary>
public sealed record CompleteTaskCommand(string Id, string? Outcome, JsonObject? Values) : ICommand<Result<CompletedTask>>;

public sealed record CompletedTask(TaskView Task, string WorkflowStatus, string WorkflowSubStatus);

internal sealed class CompleteTaskHandler(
    IUserTaskStore store, InboxAccess access, CrmDbContext db, IWorkflowRuntime runtime, IEnumerable<ITaskCompletionCheck> checks)
    : ICommandHandler<CompleteTaskCommand, Result<CompletedTask>>
{
    public const string UserLacksAccess = "task.user_lacks_access";

    public async ValueTask<Result<CompletedTask>> Handle(CompleteTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await store.FindAsync(command.Id, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return Result<CompletedTask>.NotFound();
        }

        if (task.Status is UserTaskStatus.Completed or UserTaskStatus.Cancelled)
        {
            throw new UserTaskConflictException($"Task {task.Id} is already {task.Status.ToString().ToLowerInvariant()}.");
        }

        if (task.Status != UserTaskStatus.Assigned || !string.Equals(task.Assignee, access.UserId, StringComparison.OrdinalIgnoreCase))
        {
            return Result<CompletedTask>.Forbidden(InboxAccess.NotAssignee, "Only the task's assignee can complete it; claim it first.");
        }

        var (errors, values) = UserTaskFormValidator.Validate(task.Spec, command.Outcome, command.Values);
        var failures = errors.Select(e => new ValidationFailure(e.Key == "outcome" ? "Outcome" : "Values." + e.Key, e.Value)).ToList();
        var pickedUsers = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var field in task.Spec.Form.Where(f => f.Type == UserTaskFieldType.User && values[f.Name] is not null))
        {
            var roles = field.Roles ?? [];
            if (!Guid.TryParse(values[field.Name]!.GetValue<string>(), out var userId)
                || !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive && (roles.Count == 0 || u.Roles.Any(r => roles.Contains(r.Role))), cancellationToken))
            {
                failures.Add(new ValidationFailure("Values." + field.Name, $"'{field.Label ?? field.Name}' must be an active user{(roles.Count == 0 ? string.Empty : " with role " + string.Join(" or ", roles))}."));
            }
            else if (field.RequiresSubjectAccess)
            {
                pickedUsers[field.Name] = userId;
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        foreach (var (name, userId) in pickedUsers)
        {
            if ((await access.LackingSubjectAccessAsync(task, [userId], cancellationToken)).Count > 0)
            {
                var who = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(cancellationToken);
                var reason = $"{who} has no permission on this task's customer; grant read access first or choose someone else.";
                return Result<CompletedTask>.Refused(UserLacksAccess, reason,
                    new Dictionary<string, string[]>(StringComparer.Ordinal) { ["values." + name] = [reason] });
            }
        }

        // The task's own kind may have rules of its own (a survey task's answers): checked before anything changes.
        foreach (var check in checks.Where(c => task.Spec.Kind is not null && c.Kind == task.Spec.Kind))
        {
            if (await check.CheckAsync(task, values, cancellationToken) is { } refusal)
            {
                return Result<CompletedTask>.Refused(refusal.Code, refusal.Detail, refusal.Errors);
            }
        }

        var result = await runtime.ResumeAsync(new ResumeBookmarkRequest(task.Id)
        {
            WorkflowInstanceId = task.WorkflowInstanceId,
            Input = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [UserTaskResume.OutcomeKey] = command.Outcome ?? task.Spec.Outcomes[0],
                [UserTaskResume.ValuesKey] = values,
                [UserTaskResume.CompletedByKey] = access.UserId,
            },
        }, cancellationToken);
        var completed = await store.FindAsync(task.Id, cancellationToken);
        return Result<CompletedTask>.Ok(new CompletedTask((await access.ViewsAsync([completed!], cancellationToken))[0], result.Status.ToString(), result.SubStatus.ToString()));
    }
}
