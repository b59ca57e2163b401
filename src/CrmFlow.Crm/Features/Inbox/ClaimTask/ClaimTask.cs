using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.ClaimTask;

/// <summary>
/// Claim (a candidate takes an open task) or unclaim (the assignee, or a supervisor, gives it back to the group).
/// A candidate who cannot read the task's customer cannot claim it (<c>task.no_customer_access</c>). The task's
/// <paramref name="Revision"/> (optional) guards against acting on a stale view; a lost race is 409.
/// </summary>
public sealed record ClaimTaskCommand(string Id, bool Claim, long? Revision = null) : ICommand<Result<TaskView>>;

internal sealed class ClaimTaskHandler(IUserTaskStore store, InboxAccess access) : ICommandHandler<ClaimTaskCommand, Result<TaskView>>
{
    public async ValueTask<Result<TaskView>> Handle(ClaimTaskCommand command, CancellationToken cancellationToken)
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

        UserTaskItem changed;
        if (command.Claim)
        {
            if (task.Status == UserTaskStatus.Assigned)
            {
                throw new UserTaskConflictException($"Task {task.Id} is already assigned.");
            }

            if (!access.IsCandidate(task))
            {
                return Result<TaskView>.Forbidden(InboxAccess.NotAllowed, "You are not a candidate for this task.");
            }

            if (!await access.CallerCanAccessSubjectAsync(task, cancellationToken))
            {
                return Result<TaskView>.Refused(InboxAccess.NoSubjectAccess, "You have no permission on this task's customer, so you cannot take it.");
            }

            changed = await store.AssignAsync(task.Id, command.Revision ?? task.Revision, access.UserId, access.UserId, "Claimed", null, cancellationToken);
        }
        else
        {
            if (task.Status != UserTaskStatus.Assigned)
            {
                throw new UserTaskConflictException($"Task {task.Id} is not claimed.");
            }

            if (!string.Equals(task.Assignee, access.UserId, StringComparison.OrdinalIgnoreCase) && !access.IsSupervisor)
            {
                return Result<TaskView>.Forbidden(InboxAccess.NotAssignee, "Only the assignee or a supervisor can give a task back.");
            }

            changed = await store.AssignAsync(task.Id, command.Revision ?? task.Revision, null, access.UserId, "Unclaimed", null, cancellationToken);
        }

        return Result<TaskView>.Ok((await access.ViewsAsync([changed], cancellationToken))[0]);
    }
}
