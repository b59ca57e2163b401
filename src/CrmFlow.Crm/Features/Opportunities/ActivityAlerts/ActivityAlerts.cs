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
/// <paramref name="OverdueAfterHours"/> after it.
/// </summary>
public sealed record GetActivityAlertScheduleQuery(Guid ActivityId, double DueAlertLeadHours, double OverdueAfterHours)
    : IQuery<Result<ActivityAlertSchedule>>;

/// <summary>The activity's due time, its two alert times and whether it is already done (then nothing is alerted).</summary>
public sealed record ActivityAlertSchedule(Guid ActivityId, bool IsDone, DateTimeOffset DueAt, DateTimeOffset DueAlertAt, DateTimeOffset OverdueAt);

/// <summary>
/// Sends one alert of a planned activity as notifications: the due alert to the executor, the overdue alert to the
/// executor and the opportunity's owner. Nothing is sent for a done activity or a closed opportunity; a second send of
/// the same alert (a replayed activity) adds nothing. Each notification links to the opportunity's page.
/// </summary>
public sealed record SendActivityAlertCommand(Guid ActivityId, ActivityAlertKind Kind) : ICommand<Result<ActivityAlertSent>>;

/// <summary><paramref name="Sent"/> false: the activity was done (or its opportunity closed) before the alert.</summary>
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
    }
}

internal sealed class SendActivityAlertValidator : AbstractValidator<SendActivityAlertCommand>
{
    public SendActivityAlertValidator()
    {
        RuleFor(c => c.ActivityId).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum();
    }
}

internal sealed class GetActivityAlertScheduleHandler(CrmDbContext db, TimeProvider time)
    : IQueryHandler<GetActivityAlertScheduleQuery, Result<ActivityAlertSchedule>>
{
    public async ValueTask<Result<ActivityAlertSchedule>> Handle(GetActivityAlertScheduleQuery query, CancellationToken cancellationToken)
    {
        var activity = await db.Set<OpportunityActivity>().AsNoTracking()
            .Where(a => a.Id == query.ActivityId)
            .Join(db.Opportunities, a => a.OpportunityId, o => o.Id, (a, o) => new { a.DueAt, a.DoneAt, o.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (activity is null)
        {
            return Result<ActivityAlertSchedule>.NotFound();
        }

        var now = time.GetUtcNow();
        var dueAlertAt = activity.DueAt.AddHours(-query.DueAlertLeadHours);
        var done = activity.DoneAt is not null || activity.Status != OpportunityStatus.Open;
        return Result<ActivityAlertSchedule>.Ok(new ActivityAlertSchedule(
            query.ActivityId, done, activity.DueAt, dueAlertAt < now ? now : dueAlertAt, activity.DueAt.AddHours(query.OverdueAfterHours)));
    }
}

internal sealed class SendActivityAlertHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<SendActivityAlertCommand, Result<ActivityAlertSent>>
{
    public async ValueTask<Result<ActivityAlertSent>> Handle(SendActivityAlertCommand command, CancellationToken cancellationToken)
    {
        var row = await db.Set<OpportunityActivity>().AsNoTracking()
            .Where(a => a.Id == command.ActivityId)
            .Join(db.Opportunities, a => a.OpportunityId, o => o.Id, (a, o) => new
            {
                a.Kind, a.Subject, a.DueAt, a.DoneAt, a.ExecutorId, o.OwnerId, OpportunityId = o.Id, Opportunity = o.Name, o.Status,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Result<ActivityAlertSent>.NotFound();
        }

        if (row.DoneAt is not null || row.Status != OpportunityStatus.Open)
        {
            return Result<ActivityAlertSent>.Ok(new ActivityAlertSent(false, []));
        }

        var kind = ActivityAlertNotifications.Of(command.Kind);
        var reference = command.ActivityId.ToString();
        List<Guid> recipients = command.Kind == ActivityAlertKind.Due ? [row.ExecutorId] : [.. new[] { row.ExecutorId, row.OwnerId }.Distinct()];
        var already = await db.Notifications.AsNoTracking()
            .Where(n => n.Reference == reference && n.Kind == kind && recipients.Contains(n.UserId))
            .Select(n => n.UserId)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = row.DueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var message = command.Kind == ActivityAlertKind.Due
            ? $"{row.Kind} \"{row.Subject}\" on \"{row.Opportunity}\" is due at {due} UTC."
            : $"{row.Kind} \"{row.Subject}\" on \"{row.Opportunity}\" is overdue (due {due} UTC).";
        foreach (var userId in recipients.Except(already))
        {
            db.Notifications.Add(new Notification(Guid.CreateVersion7(now), userId, kind, message, reference, now, $"/opportunities/{row.OpportunityId}"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result<ActivityAlertSent>.Ok(new ActivityAlertSent(true, recipients));
    }
}
