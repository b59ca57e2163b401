using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Inbox.GetTask;

/// <summary>
/// One task with its comments, history and candidates. Each candidate is run through the permission verification
/// on the task's customer: one who cannot read it is flagged (<c>canAccessCustomer: false</c>) and cannot be picked.
/// </summary>
public sealed record GetTaskQuery(string Id) : IQuery<Result<TaskDetails>>;

public sealed record TaskCandidate(Guid UserId, string UserName, string DisplayName, bool CanAccessCustomer);

public sealed record TaskDetails(TaskView Task, IReadOnlyList<UserTaskComment> Comments, IReadOnlyList<UserTaskEvent> History, IReadOnlyList<TaskCandidate> Candidates);

internal sealed class GetTaskHandler(IUserTaskStore store, InboxAccess access, CrmDbContext db) : IQueryHandler<GetTaskQuery, Result<TaskDetails>>
{
    public async ValueTask<Result<TaskDetails>> Handle(GetTaskQuery query, CancellationToken cancellationToken)
    {
        var task = await store.FindAsync(query.Id, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return Result<TaskDetails>.NotFound();
        }

        var view = (await access.ViewsAsync([task], cancellationToken))[0];
        var comments = await store.ListCommentsAsync(task.Id, cancellationToken);
        var history = await store.ListEventsAsync(task.Id, cancellationToken);
        var candidates = await CandidatesAsync(db, access, task, cancellationToken);
        return Result<TaskDetails>.Ok(new TaskDetails(view, comments, history, candidates));
    }

    /// <summary>Candidate users (named or by role), each flagged by the permission verification on the task's customer.</summary>
    internal static async Task<IReadOnlyList<TaskCandidate>> CandidatesAsync(CrmDbContext db, InboxAccess access, UserTaskItem task, CancellationToken cancellationToken)
    {
        var named = task.Spec.CandidateUsers.Select(u => Guid.TryParse(u, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        var roles = task.Spec.CandidateRoles.ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (named.Contains(u.Id) || u.Roles.Any(r => roles.Contains(r.Role))))
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .Take(200)
            .ToListAsync(cancellationToken);
        var lacking = await access.LackingSubjectAccessAsync(task, [.. users.Select(u => u.Id)], cancellationToken);
        return [.. users.Select(u => new TaskCandidate(u.Id, u.UserName, u.DisplayName, !lacking.Contains(u.Id)))];
    }
}
