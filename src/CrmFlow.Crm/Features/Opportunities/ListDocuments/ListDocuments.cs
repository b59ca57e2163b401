using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.ListDocuments;

/// <summary>The documents of an opportunity the caller may read, newest first (metadata only, never the bytes).</summary>
public sealed record ListDocumentsQuery(Guid OpportunityId) : IQuery<Result<IReadOnlyList<DocumentDetails>>>;

internal sealed class ListDocumentsHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<ListDocumentsQuery, Result<IReadOnlyList<DocumentDetails>>>
{
    public async ValueTask<Result<IReadOnlyList<DocumentDetails>>> Handle(ListDocumentsQuery query, CancellationToken cancellationToken)
    {
        var owner = await db.Opportunities.AsNoTracking().VisibleTo(db, user, Access.Read)
            .Where(o => o.Id == query.OpportunityId).Select(o => (Guid?)o.OwnerId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not { } ownerId)
        {
            return Result<IReadOnlyList<DocumentDetails>>.NotFound();
        }

        var canWrite = await db.Opportunities.VisibleTo(db, user, Access.Write).AnyAsync(o => o.Id == query.OpportunityId, cancellationToken);
        return Result<IReadOnlyList<DocumentDetails>>.Ok(
            await OpportunityDocuments.ListAsync(db, user, query.OpportunityId, ownerId, canWrite, cancellationToken));
    }
}
