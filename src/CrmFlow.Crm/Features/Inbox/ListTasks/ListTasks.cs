using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.ListTasks;

/// <summary>
/// The inbox lists: <c>Mine</c> (assigned to me), <c>MyGroups</c> (unclaimed, I am a candidate by user or role),
/// <c>All</c> (supervisors), <c>History</c> (completed by me); filters by status, due range, overdue, process and
/// customer; sorted by due time or priority; paged.
/// </summary>
public sealed record ListTasksQuery(
    UserTaskScope Scope = UserTaskScope.Mine,
    UserTaskStatus? Status = null,
    DateTimeOffset? DueBefore = null,
    DateTimeOffset? DueAfter = null,
    bool Overdue = false,
    string? Process = null,
    Guid? CustomerId = null,
    UserTaskSort Sort = UserTaskSort.DueAt,
    bool Descending = false,
    int Page = 1,
    int PageSize = 20) : IQuery<Result<TaskList>>;

public sealed record TaskList(IReadOnlyList<TaskView> Items, int Page, int PageSize, int Total, UserTaskCounts Counts);

internal sealed class ListTasksValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksValidator()
    {
        RuleFor(q => q.Scope).IsInEnum();
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Sort).IsInEnum();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.Process).MaximumLength(128);
    }
}

internal sealed class ListTasksHandler(IUserTaskStore store, InboxAccess access, TimeProvider time) : IQueryHandler<ListTasksQuery, Result<TaskList>>
{
    public async ValueTask<Result<TaskList>> Handle(ListTasksQuery query, CancellationToken cancellationToken)
    {
        if (query.Scope == UserTaskScope.All && !access.IsSupervisor)
        {
            return Result<TaskList>.Forbidden(InboxAccess.NotAllowed, "Only supervisors see all tasks.");
        }

        var now = time.GetUtcNow();
        var counts = await store.CountAsync(access.UserId, access.Roles, now, includeAll: access.IsSupervisor, cancellationToken);

        // An unfiltered list's total is its tab's count: counted once.
        var unfiltered = query is { Status: null, DueBefore: null, DueAfter: null, Overdue: false, Process: null, CustomerId: null };
        int? knownTotal = !unfiltered ? null : query.Scope switch
        {
            UserTaskScope.Mine => counts.Mine,
            UserTaskScope.MyGroups => counts.MyGroups,
            UserTaskScope.All => counts.All,
            _ => null,
        };
        var page = await store.ListAsync(new UserTaskQuery
        {
            Scope = query.Scope,
            UserId = access.UserId,
            Roles = access.Roles,
            Status = query.Status,
            DueBefore = query.DueBefore,
            DueAfter = query.DueAfter,
            OverdueAt = query.Overdue ? now : null,
            DefinitionId = query.Process,
            SubjectId = query.CustomerId?.ToString(),
            Sort = query.Sort,
            Descending = query.Descending,
            Page = query.Page - 1,
            PageSize = query.PageSize,
            CountTotal = knownTotal is null,
        }, cancellationToken);
        var total = knownTotal ?? page.TotalCount;
        return Result<TaskList>.Ok(new TaskList(await access.ViewsAsync(page.Items, cancellationToken), query.Page, query.PageSize, total, counts));
    }
}
