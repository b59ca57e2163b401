using CrmFlow.Crm.Common.Http;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.ListTasks;

internal static class ListTasksEndpoint
{
    /// <summary><c>GET /api/tasks?scope=Mine|MyGroups|All|History&amp;status&amp;dueBefore&amp;dueAfter&amp;overdue&amp;process&amp;customerId&amp;sort=DueAt|Priority&amp;descending&amp;page&amp;pageSize</c>.</summary>
    public static void MapListTasks(this IEndpointRouteBuilder api) =>
        api.MapGet("/tasks", async (
                ISender sender, CancellationToken cancellationToken, UserTaskScope? scope, UserTaskStatus? status, DateTimeOffset? dueBefore,
                DateTimeOffset? dueAfter, bool? overdue, string? process, Guid? customerId, UserTaskSort? sort, bool? descending, int? page, int? pageSize) =>
                (await sender.Send(new ListTasksQuery(scope ?? UserTaskScope.Mine, status, dueBefore, dueAfter, overdue ?? false, process, customerId,
                    sort ?? UserTaskSort.DueAt, descending ?? false, page ?? 1, pageSize ?? 20), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("ListTasks")
            .WithTags("Inbox")
            .WithSummary("Inbox task lists with counts");
}
