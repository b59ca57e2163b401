using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Intents.GetIntent;

/// <summary>One intent with its touch history, when the caller may read its customer.</summary>
public sealed record GetIntentQuery(Guid Id) : IQuery<Result<IntentDetails>>;

public sealed record IntentDetails(
    Guid Id, Guid CustomerId, string CustomerName, CustomerKind CustomerKind, Guid? CustomerOwnerId, string Product, string? Source,
    string? Description, IntentStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PromotedAt, Guid? OpportunityId, bool CanWrite,
    IReadOnlyList<TouchDetails> Touches);

public sealed record TouchDetails(Guid Id, Guid? ContactId, string Channel, string Summary, DateTimeOffset At, Guid? OpportunityId);

internal sealed class GetIntentHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<GetIntentQuery, Result<IntentDetails>>
{
    public async ValueTask<Result<IntentDetails>> Handle(GetIntentQuery query, CancellationToken cancellationToken)
    {
        var writable = db.Customers.VisibleTo(user, Access.Write).Select(c => c.Id);
        var details = await db.Intents.AsNoTracking()
            .Where(i => i.Id == query.Id)
            .Join(db.Customers.AsNoTracking().VisibleTo(user, Access.Read), i => i.CustomerId, c => c.Id, (i, c) => new IntentDetails(
                i.Id, c.Id, c.Name, c.Kind, c.OwnerId, i.Product, i.Source, i.Description, i.Status, i.CreatedAt, i.PromotedAt, i.OpportunityId,
                writable.Contains(c.Id),
                i.Touches.OrderBy(t => t.At).Select(t => new TouchDetails(t.Id, t.ContactId, t.Channel, t.Summary, t.At, t.OpportunityId)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
        return details is null ? Result<IntentDetails>.NotFound() : Result<IntentDetails>.Ok(details);
    }
}
