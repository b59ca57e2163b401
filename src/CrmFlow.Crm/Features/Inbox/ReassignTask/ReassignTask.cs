using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Inbox.ReassignTask;

/// <summary>
/// Hands an open task to another user with a reason (kept in the task's history). Allowed to the assignee and to
/// supervisors; the new assignee must be an active user who can read the task's customer.
/// </summary>
public sealed record ReassignTaskCommand(string Id, Guid UserId, string Reason, long? Revision = null) : ICommand<Result<TaskView>>;

internal sealed class ReassignTaskValidator : AbstractValidator<ReassignTaskCommand>
{
    public ReassignTaskValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
    }
}

internal sealed class ReassignTaskHandler(IUserTaskStore store, InboxAccess access, CrmDbContext db) : ICommandHandler<ReassignTaskCommand, Result<TaskView>>
{
    public async ValueTask<Result<TaskView>> Handle(ReassignTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await store.FindAsync(command.Id, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return Result<TaskView>.NotFound();
        }

        if (task.Status is UserTaskStatus.Completed or UserTaskStatus.Cancelled)
        {
            throw new UserTaskConflictException($"Task {task.Id} is {task.Status.ToString().ToLowerInvariant()}.");
        }

        if (!access.IsSupervisor && !string.Equals(task.Assignee, access.UserId, StringComparison.OrdinalIgnoreCase))
        {
            return Result<TaskView>.Forbidden(InboxAccess.NotAssignee, "Only the assignee or a supervisor can reassign a task.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == command.UserId && u.IsActive, cancellationToken))
        {
            return Result<TaskView>.Refused("task.unknown_user", "No active user has this id.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["userId"] = ["No active user has this id."] });
        }

        if ((await access.LackingSubjectAccessAsync(task, [command.UserId], cancellationToken)).Count > 0)
        {
            return Result<TaskView>.Refused(InboxAccess.NoSubjectAccess, "The chosen user has no permission on this task's customer.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["userId"] = ["The chosen user has no permission on this task's customer."] });
        }

        var changed = await store.AssignAsync(task.Id, command.Revision ?? task.Revision, command.UserId.ToString(), access.UserId, "Reassigned",
            $"{command.UserId}: {command.Reason.Trim()}", cancellationToken);
        return Result<TaskView>.Ok((await access.ViewsAsync([changed], cancellationToken))[0]);
    }
}
