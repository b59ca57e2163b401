using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.GetDocumentContent;

/// <summary>
/// The bytes of one document of an opportunity the caller may read; a document of another opportunity is not found.
/// When the caller already holds the content (<paramref name="HeldSha256"/> lists the hashes it holds, from an HTTP
/// <c>If-None-Match</c>), the bytes are not read: <see cref="DocumentContent.Content"/> is null.
/// </summary>
public sealed record GetDocumentContentQuery(Guid OpportunityId, Guid DocumentId, IReadOnlyCollection<string>? HeldSha256 = null)
    : IQuery<Result<DocumentContent>>;

public sealed record DocumentContent(string FileName, string ContentType, string Sha256, DateTimeOffset UploadedAt, byte[]? Content);

internal sealed class GetDocumentContentHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<GetDocumentContentQuery, Result<DocumentContent>>
{
    public async ValueTask<Result<DocumentContent>> Handle(GetDocumentContentQuery query, CancellationToken cancellationToken)
    {
        var visible = db.Opportunities.VisibleTo(db, user, Access.Read).Select(o => o.Id);
        var document = await db.OpportunityDocuments.AsNoTracking()
            .Where(d => d.Id == query.DocumentId && d.OpportunityId == query.OpportunityId && visible.Contains(d.OpportunityId))
            .Select(d => new DocumentContent(d.FileName, d.ContentType, d.Sha256, d.UploadedAt, null))
            .SingleOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return Result<DocumentContent>.NotFound();
        }

        if (query.HeldSha256?.Contains(document.Sha256, StringComparer.OrdinalIgnoreCase) == true)
        {
            return Result<DocumentContent>.Ok(document);
        }

        var content = await db.OpportunityDocumentContents.AsNoTracking()
            .Where(c => c.DocumentId == query.DocumentId).Select(c => c.Content)
            .SingleAsync(cancellationToken);
        return Result<DocumentContent>.Ok(document with { Content = content });
    }
}
