using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.GetOpportunity;

/// <summary>One opportunity with the data of its tabs: team, activities, quotes, competitors, documents, stage records and the intent's touches.</summary>
public sealed record GetOpportunityQuery(Guid Id) : IQuery<Result<OpportunityDetails>>;

public sealed record OpportunityDetails(
    Guid Id, string Name, Guid CustomerId, string CustomerName, Guid SalesModeId, Guid StageId, string StageName, Guid OwnerId, string? OwnerName,
    string Products, decimal ExpectedAmount, DateOnly ExpectedCloseDate, OpportunityStatus Status, string? ResultSummary, string? LostReason,
    Guid? IntentId, DateTimeOffset CreatedAt, DateTimeOffset StageEnteredAt, bool CanWrite,
    IReadOnlyList<TeamMemberDetails> Team, IReadOnlyList<ActivityDetails> Activities, IReadOnlyList<QuoteDetails> Quotes,
    IReadOnlyList<CompetitorDetails> Competitors, IReadOnlyList<StageRecordDetails> StageRecords, IReadOnlyList<TouchSummary> Touches,
    IReadOnlyList<DocumentDetails> Documents);

public sealed record TeamMemberDetails(Guid UserId, string? Name, string? Role, DateTimeOffset AddedAt);

/// <summary>One activity: <paramref name="Status"/> Planned, Done (with <paramref name="DoneAt"/> and result) or Cancelled (with time and reason).</summary>
public sealed record ActivityDetails(
    Guid Id, string Kind, string Subject, Guid ExecutorId, string? ExecutorName, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? Result,
    OpportunityActivityStatus Status, DateTimeOffset? CancelledAt, string? CancelReason);

public sealed record QuoteDetails(Guid Id, decimal Amount, string? Note, DateTimeOffset CreatedAt);

public sealed record CompetitorDetails(Guid Id, string Name, string? Link, string? Notes);

public sealed record StageRecordDetails(
    Guid Id, Guid FromStageId, string FromStageName, Guid ToStageId, string ToStageName, OpportunityStatus? Result, string Summary,
    DateTimeOffset At, long SecondsInStage);

public sealed record TouchSummary(Guid Id, string Channel, string Summary, DateTimeOffset At);

internal sealed class GetOpportunityHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<GetOpportunityQuery, Result<OpportunityDetails>>
{
    public async ValueTask<Result<OpportunityDetails>> Handle(GetOpportunityQuery query, CancellationToken cancellationToken)
    {
        var o = await db.Opportunities.AsNoTracking().VisibleTo(db, user, Access.Read)
            .Include(x => x.Team).Include(x => x.Activities).Include(x => x.Quotes).Include(x => x.Competitors).Include(x => x.StageRecords)
            .AsSplitQuery()
            .SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
        if (o is null)
        {
            return Result<OpportunityDetails>.NotFound();
        }

        var canWrite = await db.Opportunities.VisibleTo(db, user, Access.Write).AnyAsync(x => x.Id == o.Id, cancellationToken);
        var stages = await db.SalesStages.AsNoTracking().Where(s => s.SalesModeId == o.SalesModeId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var userIds = o.Team.Select(m => m.UserId).Concat(o.Activities.Select(a => a.ExecutorId)).Append(o.OwnerId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == o.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);
        var touches = await db.IntentTouches.AsNoTracking().Where(t => t.OpportunityId == o.Id).OrderBy(t => t.At)
            .Select(t => new TouchSummary(t.Id, t.Channel, t.Summary, t.At)).ToListAsync(cancellationToken);
        var documents = await OpportunityDocuments.ListAsync(db, user, o.Id, o.OwnerId, canWrite, cancellationToken);
        return Result<OpportunityDetails>.Ok(new OpportunityDetails(
            o.Id, o.Name, o.CustomerId, customer, o.SalesModeId, o.StageId, stages.GetValueOrDefault(o.StageId, "?"), o.OwnerId,
            names.GetValueOrDefault(o.OwnerId), o.Products, o.ExpectedAmount, o.ExpectedCloseDate, o.Status, o.ResultSummary, o.LostReason,
            o.IntentId, o.CreatedAt, o.StageEnteredAt, canWrite,
            [.. o.Team.OrderBy(m => m.AddedAt).Select(m => new TeamMemberDetails(m.UserId, names.GetValueOrDefault(m.UserId), m.Role, m.AddedAt))],
            [.. o.Activities.OrderBy(a => a.DueAt).Select(a => new ActivityDetails(
                a.Id, a.Kind, a.Subject, a.ExecutorId, names.GetValueOrDefault(a.ExecutorId), a.DueAt, a.DoneAt, a.Result, a.Status, a.CancelledAt, a.CancelReason))],
            [.. o.Quotes.OrderBy(q => q.CreatedAt).Select(q => new QuoteDetails(q.Id, q.Amount, q.Note, q.CreatedAt))],
            [.. o.Competitors.OrderBy(c => c.Name).Select(c => new CompetitorDetails(c.Id, c.Name, c.Link, c.Notes))],
            [.. o.StageRecords.OrderBy(r => r.At).Select(r => new StageRecordDetails(
                r.Id, r.FromStageId, stages.GetValueOrDefault(r.FromStageId, "?"), r.ToStageId, stages.GetValueOrDefault(r.ToStageId, "?"),
                r.Result, r.Summary, r.At, r.SecondsInStage))],
            touches,
            documents));
    }
}
