using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Inbox.ListMyNotifications;

/// <summary>
/// The caller's notifications, newest first (overdue complaint steps, survey reminders…); shown beside the inbox.
/// Only the caller's own: nobody reads another user's notifications.
/// </summary>
public sealed record ListMyNotificationsQuery(int Take = 20) : IQuery<Result<IReadOnlyList<NotificationView>>>;

/// <summary><c>Reference</c>: the record it is about (a complaint or campaign id).</summary>
public sealed record NotificationView(Guid Id, string Kind, string Message, string? Reference, DateTimeOffset CreatedAt);

internal sealed class ListMyNotificationsHandler(CrmDbContext db, ICurrentUser user)
    : IQueryHandler<ListMyNotificationsQuery, Result<IReadOnlyList<NotificationView>>>
{
    public async ValueTask<Result<IReadOnlyList<NotificationView>>> Handle(ListMyNotificationsQuery query, CancellationToken cancellationToken)
    {
        if (user.Id is not { } userId)
        {
            return Result<IReadOnlyList<NotificationView>>.Ok([]);
        }

        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Math.Clamp(query.Take, 1, 100))
            .Select(n => new NotificationView(n.Id, n.Kind, n.Message, n.Reference, n.CreatedAt))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<NotificationView>>.Ok(rows);
    }
}
