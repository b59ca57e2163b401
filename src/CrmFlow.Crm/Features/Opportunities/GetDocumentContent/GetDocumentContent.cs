using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.GetDocumentContent;

/// <summary>The bytes of one document of an opportunity the caller may read; a document of another opportunity is not found.</summary>
public sealed record GetDocumentContentQuery(Guid OpportunityId, Guid DocumentId) : IQuery<Result<DocumentContent>>;

public sealed record DocumentContent(string FileName, string ContentType, string Sha256, DateTimeOffset UploadedAt, byte[] Content);

internal sealed class GetDocumentContentHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<GetDocumentContentQuery, Result<DocumentContent>>
{
    public async ValueTask<Result<DocumentContent>> Handle(GetDocumentContentQuery query, CancellationToken cancellationToken)
    {
        var visible = db.Opportunities.VisibleTo(db, user, Access.Read).Select(o => o.Id);
        var content = await db.OpportunityDocuments.AsNoTracking()
            .Where(d => d.Id == query.DocumentId && d.OpportunityId == query.OpportunityId && visible.Contains(d.OpportunityId))
            .Join(db.OpportunityDocumentContents, d => d.Id, c => c.DocumentId,
                (d, c) => new DocumentContent(d.FileName, d.ContentType, d.Sha256, d.UploadedAt, c.Content))
            .SingleOrDefaultAsync(cancellationToken);
        return content is null ? Result<DocumentContent>.NotFound() : Result<DocumentContent>.Ok(content);
    }
}
