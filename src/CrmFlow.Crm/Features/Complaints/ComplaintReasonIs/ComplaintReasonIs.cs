using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Complaints.ComplaintReasonIs;

/// <summary>Whether a complaint's reason is one of <paramref name="ReasonCodes"/> (codes compared case-insensitively).</summary>
public sealed record ComplaintReasonIsQuery(Guid ComplaintId, IReadOnlyCollection<string> ReasonCodes) : IQuery<Result<bool>>;

internal sealed class ComplaintReasonIsHandler(CrmDbContext db) : IQueryHandler<ComplaintReasonIsQuery, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(ComplaintReasonIsQuery query, CancellationToken cancellationToken)
    {
        var code = await (
                from complaint in db.Complaints.AsNoTracking()
                join reason in db.ComplaintReasons.AsNoTracking() on complaint.ReasonId equals reason.Id
                where complaint.Id == query.ComplaintId
                select reason.Code)
            .SingleOrDefaultAsync(cancellationToken);
        return code is null
            ? Result<bool>.NotFound()
            : Result<bool>.Ok(query.ReasonCodes.Contains(code, StringComparer.OrdinalIgnoreCase));
    }
}
