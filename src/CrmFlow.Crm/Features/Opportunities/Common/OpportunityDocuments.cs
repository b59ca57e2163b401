using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.Common;

/// <summary>A document on an opportunity as lists show it (never its bytes); <see cref="CanDelete"/> is for the caller.</summary>
public sealed record DocumentDetails(
    Guid Id, string FileName, string ContentType, long Size, string Sha256, string Kind, string? Description,
    Guid UploadedById, string? UploadedByName, DateTimeOffset UploadedAt, bool CanDelete);

/// <summary>Refusal codes of the document use cases.</summary>
public static class DocumentRefusals
{
    public const string NoWriteAccess = "opportunity.no_write_access";
    public const string NotAllowedToDelete = "document.not_allowed_to_delete";
}

internal static class OpportunityDocuments
{
    /// <summary>The documents of <paramref name="opportunityId"/> (visibility already checked), newest first, with uploader names.</summary>
    public static async Task<IReadOnlyList<DocumentDetails>> ListAsync(
        CrmDbContext db, ICurrentUser user, Guid opportunityId, Guid ownerId, bool canWrite, CancellationToken cancellationToken)
    {
        var documents = await db.OpportunityDocuments.AsNoTracking()
            .Where(d => d.OpportunityId == opportunityId)
            .OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id)
            .Select(d => new
            {
                Document = d,
                UploadedByName = db.Users.Where(u => u.Id == d.UploadedById).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return
        [
            .. documents.Select(x => new DocumentDetails(
                x.Document.Id, x.Document.FileName, x.Document.ContentType, x.Document.Size, x.Document.Sha256, x.Document.Kind,
                x.Document.Description, x.Document.UploadedById, x.UploadedByName, x.Document.UploadedAt,
                canWrite && x.Document.MayBeDeletedBy(user.Id, user.IsAdministrator, ownerId))),
        ];
    }

    /// <summary>
    /// The opportunity, tracked, when the caller may write it; otherwise forbidden when they may only read it and
    /// not found when they may not even read it (the same answer as for a missing one).
    /// </summary>
    public static async Task<(Opportunity? Opportunity, Result<T>? Failure)> FindWritableAsync<T>(
        CrmDbContext db, ICurrentUser user, Guid opportunityId, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).SingleOrDefaultAsync(o => o.Id == opportunityId, cancellationToken);
        if (opportunity is not null)
        {
            return (opportunity, null);
        }

        var readable = await db.Opportunities.VisibleTo(db, user, Access.Read).AnyAsync(o => o.Id == opportunityId, cancellationToken);
        return (null, readable
            ? Result<T>.Forbidden(DocumentRefusals.NoWriteAccess, "You may read this opportunity but not change it.")
            : Result<T>.NotFound());
    }
}
