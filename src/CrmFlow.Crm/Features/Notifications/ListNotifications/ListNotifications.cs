using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Notifications.ListNotifications;

/// <summary>The caller's own notifications, newest first, with the unread count (for the bell in the app bar).</summary>
public sealed record ListNotificationsQuery(bool UnreadOnly = false, int Page = 1, int PageSize = 20) : IQuery<Result<NotificationList>>;

public sealed record NotificationView(Guid Id, string Kind, string Message, string? Reference, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationList(IReadOnlyList<NotificationView> Items, int TotalCount, int UnreadCount, int Page, int PageSize);

internal sealed class ListNotificationsValidator : AbstractValidator<ListNotificationsQuery>
{
    public ListNotificationsValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

internal sealed class ListNotificationsHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<ListNotificationsQuery, Result<NotificationList>>
{
    public async ValueTask<Result<NotificationList>> Handle(ListNotificationsQuery query, CancellationToken cancellationToken)
    {
        if (!user.IsUser || user.Id is not { } userId)
        {
            return Result<NotificationList>.Forbidden("notifications.not_a_user", "Only people receive notifications.");
        }

        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var listed = query.UnreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = query.UnreadOnly ? unread : await listed.CountAsync(cancellationToken);
        var items = await listed
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Message, n.Reference, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return Result<NotificationList>.Ok(new(items, total, unread, query.Page, query.PageSize));
    }
}
