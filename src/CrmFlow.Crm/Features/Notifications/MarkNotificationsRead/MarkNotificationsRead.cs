using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Notifications.MarkNotificationsRead;

/// <summary>
/// Marks the caller's notifications read: the ones named, or all with <paramref name="All"/>. Ids of other users'
/// notifications are ignored (never revealed); marking a read one again keeps its first read time.
/// </summary>
public sealed record MarkNotificationsReadCommand(IReadOnlyList<Guid>? Ids = null, bool All = false) : ICommand<Result<MarkedRead>>;

public sealed record MarkedRead(int Marked, int UnreadCount);

internal sealed class MarkNotificationsReadValidator : AbstractValidator<MarkNotificationsReadCommand>
{
    public MarkNotificationsReadValidator()
    {
        RuleFor(c => c.Ids).NotEmpty().When(c => !c.All).WithMessage("Name the notifications to mark read, or set 'all'.");
        RuleFor(c => c.Ids!.Count).LessThanOrEqualTo(500).When(c => c.Ids is not null).OverridePropertyName(nameof(MarkNotificationsReadCommand.Ids));
    }
}

internal sealed class MarkNotificationsReadHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<MarkNotificationsReadCommand, Result<MarkedRead>>
{
    public async ValueTask<Result<MarkedRead>> Handle(MarkNotificationsReadCommand command, CancellationToken cancellationToken)
    {
        if (!user.IsUser || user.Id is not { } userId)
        {
            return Result<MarkedRead>.Forbidden("notifications.not_a_user", "Only people receive notifications.");
        }

        var unread = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (!command.All)
        {
            var ids = command.Ids!.ToList();
            unread = unread.Where(n => ids.Contains(n.Id));
        }

        var now = time.GetUtcNow();
        var marked = 0;
        foreach (var notification in await unread.ToListAsync(cancellationToken))
        {
            marked += notification.MarkRead(now) ? 1 : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        var left = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
        return Result<MarkedRead>.Ok(new(marked, left));
    }
}
