using System.Globalization;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.ActivityAlerts;

/// <summary>Which alert of a planned opportunity activity: due (ahead of the due time) or overdue (past it).</summary>
public enum ActivityAlertKind
{
    Due,
    Overdue,
}

/// <summary>
/// The alert times of one planned activity for the <c>opportunity-activity-alerts</c> flow: the due alert
/// <paramref name="DueAlertLeadHours"/> before the due time (at once when that is already past) and the overdue alert
/// <paramref name="OverdueAfterHours"/> after it. <paramref name="Revision"/> is the schedule revision the asking flow
/// serves (null: whatever is current); an older one than the activity's makes the schedule done.
/// </summary>
public sealed record GetActivityAlertScheduleQuery(Guid ActivityId, double DueAlertLeadHours, double OverdueAfterHours, int? Revision = null)
    : IQuery<Result<ActivityAlertSchedule>>;

/// <summary>
/// The activity's due time, its two alert times and whether nothing is to be alerted any more (<paramref name="IsDone"/>:
/// the activity is done or cancelled, its opportunity closed, or its executor or due time changed since the asked revision).
/// </summary>
public sealed record ActivityAlertSchedule(Guid ActivityId, bool IsDone, DateTimeOffset DueAt, DateTimeOffset DueAlertAt, DateTimeOffset OverdueAt);

/// <summary>
/// Sends one alert of a planned activity as notifications: the due alert to the executor, the overdue alert to the
/// executor and the opportunity's owner. Nothing is sent for a done or cancelled activity, a closed opportunity, or when
/// the activity's executor or due time changed since <paramref name="Revision"/> (the schedule the sending flow serves;
/// null: the current one) — checked again by the write itself, which fails on a concurrent change. A second send of the
/// same alert of the same revision (a replayed activity) adds nothing. Each notification links to the opportunity's page.
/// </summary>
public sealed record SendActivityAlertCommand(Guid ActivityId, ActivityAlertKind Kind, int? Revision = null) : ICommand<Result<ActivityAlertSent>>;

/// <summary><paramref name="Sent"/> false: the activity was done, cancelled or changed (or its opportunity closed) before the alert.</summary>
public sealed record ActivityAlertSent(bool Sent, IReadOnlyList<Guid> Recipients);

/// <summary>The notification kinds of activity alerts (the notification's reference is the activity id).</summary>
public static class ActivityAlertNotifications
{
    public const string Due = "OpportunityActivityDue";
    public const string Overdue = "OpportunityActivityOverdue";

    public static string Of(ActivityAlertKind kind) => kind == ActivityAlertKind.Due ? Due : Overdue;
}

internal sealed class GetActivityAlertScheduleValidator : AbstractValidator<GetActivityAlertScheduleQuery>
{
    public GetActivityAlertScheduleValidator()
    {
        RuleFor(q => q.ActivityId).NotEmpty();
        RuleFor(q => q.DueAlertLeadHours).InclusiveBetween(0, 24 * 90);
        RuleFor(q => q.OverdueAfterHours).InclusiveBetween(0, 24 * 90);
        RuleFor(q => q.Revision).GreaterThan(0);
    }
}

internal sealed class SendActivityAlertValidator : AbstractValidator<SendActivityAlertCommand>
{
    public SendActivityAlertValidator()
    {
        RuleFor(c => c.ActivityId).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Revision).GreaterThan(0);
    }
}

internal sealed class GetActivityAlertScheduleHandler(CrmDbContext db, TimeProvider time)
    : IQueryHandler<GetActivityAlertScheduleQuery, Result<ActivityAlertSchedule>>
{
    public async ValueTask<Result<ActivityAlertSchedule>> Handle(GetActivityAlertScheduleQuery query, CancellationToken cancellationToken)
    {
        var activity = await db.Set<OpportunityActivity>().AsNoTracking()
            .Where(a => a.Id == query.ActivityId)
            .Join(db.Opportunities, a => a.OpportunityId, o => o.Id, (a, o) => new { a.DueAt, a.DoneAt, a.CancelledAt, a.Revision, o.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (activity is null)
        {
            return Result<ActivityAlertSchedule>.NotFound();
        }

        var now = time.GetUtcNow();
        var dueAlertAt = activity.DueAt.AddHours(-query.DueAlertLeadHours);
        var done = activity.DoneAt is not null || activity.CancelledAt is not null || activity.Status != OpportunityStatus.Open
            || (query.Revision is { } revision && revision != activity.Revision);
        return Result<ActivityAlertSchedule>.Ok(new ActivityAlertSchedule(
            query.ActivityId, done, activity.DueAt, dueAlertAt < now ? now : dueAlertAt, activity.DueAt.AddHours(query.OverdueAfterHours)));
    }
}

internal sealed class SendActivityAlertHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<SendActivityAlertCommand, Result<ActivityAlertSent>>
{
    public async ValueTask<Result<ActivityAlertSent>> Handle(SendActivityAlertCommand command, CancellationToken cancellationToken)
    {
        var activity = await db.Set<OpportunityActivity>().SingleOrDefaultAsync(a => a.Id == command.ActivityId, cancellationToken);
        if (activity is null)
        {
            return Result<ActivityAlertSent>.NotFound();
        }

        var opportunity = await db.Opportunities.AsNoTracking().Where(o => o.Id == activity.OpportunityId)
            .Select(o => new { o.Id, o.Name, o.OwnerId, o.Status })
            .SingleAsync(cancellationToken);
        if (!activity.IsPlanned || opportunity.Status != OpportunityStatus.Open || (command.Revision is { } revision && revision != activity.Revision))
        {
            return Result<ActivityAlertSent>.Ok(new ActivityAlertSent(false, []));
        }

        var overdue = command.Kind == ActivityAlertKind.Overdue;
        List<Guid> recipients = overdue ? [.. new[] { activity.ExecutorId, opportunity.OwnerId }.Distinct()] : [activity.ExecutorId];
        if (activity.HasSentAlert(overdue) || await SentBeforeRevisionsAsync(activity, command.Kind, recipients, cancellationToken))
        {
            return Result<ActivityAlertSent>.Ok(new ActivityAlertSent(true, recipients)); // a replay of this revision's alert
        }

        var now = time.GetUtcNow();
        var due = activity.DueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var message = overdue
            ? $"{activity.Kind} \"{activity.Subject}\" on \"{opportunity.Name}\" is overdue (due {due} UTC)."
            : $"{activity.Kind} \"{activity.Subject}\" on \"{opportunity.Name}\" is due at {due} UTC.";
        foreach (var userId in recipients)
        {
            db.Notifications.Add(new Notification(
                Guid.CreateVersion7(now), userId, ActivityAlertNotifications.Of(command.Kind), message, activity.Id.ToString(), now, $"/opportunities/{opportunity.Id}"));
        }

        activity.AlertSent(overdue);
        try
        {
            // The update is conditional on the revision read above: a change, completion or cancellation committed in
            // the meantime (on any host) makes it fail, and the notifications are not written with it.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<ActivityAlertSent>.Ok(new ActivityAlertSent(false, []));
        }

        return Result<ActivityAlertSent>.Ok(new ActivityAlertSent(true, recipients));
    }

    /// <summary>
    /// Rows planned before alerts were recorded per revision: their first revision's alerts are known only by the
    /// notifications themselves (reference = the activity id).
    /// </summary>
    private async Task<bool> SentBeforeRevisionsAsync(OpportunityActivity activity, ActivityAlertKind kind, List<Guid> recipients, CancellationToken cancellationToken)
    {
        if (activity.Revision != 1 || activity.DueAlertRevision is not null || activity.OverdueAlertRevision is not null)
        {
            return false;
        }

        var reference = activity.Id.ToString();
        var notificationKind = ActivityAlertNotifications.Of(kind);
        return await db.Notifications.AsNoTracking()
            .AnyAsync(n => n.Reference == reference && n.Kind == notificationKind && recipients.Contains(n.UserId), cancellationToken);
    }
}
