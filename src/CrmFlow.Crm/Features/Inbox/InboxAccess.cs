using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Inbox;

/// <summary>An inbox task as the API shows it.</summary>
public sealed record TaskView(
    string Id,
    string Title,
    string? Description,
    UserTaskStatus Status,
    string? Assignee,
    string? AssigneeName,
    IReadOnlyList<string> CandidateUsers,
    IReadOnlyList<string> CandidateRoles,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    int Priority,
    bool IsOverdue,
    DateTimeOffset? EscalatedAt,
    string? CustomerId,
    string? CustomerName,
    string? Reference,
    string DefinitionId,
    string? ProcessName,
    string WorkflowInstanceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    string? Outcome,
    JsonObject? Result,
    IReadOnlyList<UserTaskField> Form,
    IReadOnlyList<string> Outcomes,
    long Revision,
    bool CanClaim,
    bool CanComplete);

/// <summary>The inbox rules shared by the task use cases: who sees, claims and completes a task.</summary>
internal sealed class InboxAccess(CrmDbContext db, ICurrentUser user, ISender sender, TimeProvider time)
{
    public const string NotAllowed = "task.not_allowed";
    public const string NoSubjectAccess = "task.no_customer_access";
    public const string NotAssignee = "task.not_assignee";

    public string UserId => user.Id?.ToString() ?? string.Empty;

    public IReadOnlyList<string> Roles => [.. user.Roles];

    public bool IsSupervisor => user.IsAdministrator || user.IsInRole(CrmRoles.ComplaintSupervisor);

    public bool IsCandidate(UserTaskItem task) =>
        task.Spec.CandidateUsers.Contains(UserId, StringComparer.OrdinalIgnoreCase) || task.Spec.CandidateRoles.Any(user.IsInRole);

    /// <summary>Assignee, candidates, whoever completed it, and supervisors see a task.</summary>
    public bool CanSee(UserTaskItem task) =>
        IsSupervisor || string.Equals(task.Assignee, UserId, StringComparison.OrdinalIgnoreCase) || IsCandidate(task)
        || string.Equals(task.CompletedBy, UserId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The users among <paramref name="userIds"/> who may not read the task's customer (permission verification).</summary>
    public async Task<IReadOnlyList<Guid>> LackingSubjectAccessAsync(UserTaskItem task, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(task.Spec.SubjectId, out var customerId) || userIds.Count == 0)
        {
            return [];
        }

        return (await sender.Send(new CheckCustomerAccessQuery(customerId, userIds), cancellationToken)).UsersWithoutAccess;
    }

    public async Task<bool> CallerCanAccessSubjectAsync(UserTaskItem task, CancellationToken cancellationToken) =>
        user.Id is not { } id || (await LackingSubjectAccessAsync(task, [id], cancellationToken)).Count == 0;

    public async Task<IReadOnlyList<TaskView>> ViewsAsync(IReadOnlyList<UserTaskItem> tasks, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var customerIds = tasks.Select(t => Guid.TryParse(t.Spec.SubjectId, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().VisibleTo(user, Access.Read).Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, cancellationToken);
        var userIds = tasks.SelectMany(t => new[] { t.Assignee, t.CompletedBy }).Select(u => Guid.TryParse(u, out var g) ? g : Guid.Empty)
            .Where(g => g != Guid.Empty).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id.ToString(), u => u.DisplayName, cancellationToken);
        return [.. tasks.Select(t =>
        {
            var subjectVisible = t.Spec.SubjectId is null || customers.ContainsKey(t.Spec.SubjectId);
            var open = t.Status is UserTaskStatus.Open or UserTaskStatus.Assigned;
            return new TaskView(
                t.Id, t.Spec.Title, t.Spec.Description, t.Status, t.Assignee,
                t.Assignee is null ? null : names.GetValueOrDefault(t.Assignee),
                t.Spec.CandidateUsers, t.Spec.CandidateRoles, t.Spec.DueAt, t.Spec.FollowUpAt, t.Spec.Priority,
                t.IsOverdue(now), t.Spec.EscalatedAt, subjectVisible ? t.Spec.SubjectId : null,
                t.Spec.SubjectId is null ? null : customers.GetValueOrDefault(t.Spec.SubjectId),
                t.Spec.Reference, t.DefinitionId, t.ProcessName, t.WorkflowInstanceId, t.CreatedAt, t.ClaimedAt, t.CompletedAt,
                t.CompletedBy, t.Outcome, t.Result, t.Spec.Form, t.Spec.Outcomes, t.Revision,
                CanClaim: t.Status == UserTaskStatus.Open && IsCandidate(t) && subjectVisible,
                CanComplete: open && t.Status == UserTaskStatus.Assigned && string.Equals(t.Assignee, UserId, StringComparison.OrdinalIgnoreCase));
        })];
    }
}
