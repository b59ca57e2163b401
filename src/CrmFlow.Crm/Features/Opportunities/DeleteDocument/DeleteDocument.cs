using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.DeleteDocument;

/// <summary>
/// Deletes a document and its bytes. The caller needs write permission on the opportunity and must be whoever uploaded
/// the document, the opportunity's owner or an administrator.
/// </summary>
public sealed record DeleteDocumentCommand(Guid OpportunityId, Guid DocumentId) : ICommand<Result<Done>>;

internal sealed class DeleteDocumentHandler(CrmDbContext db, ICurrentUser user) : ICommandHandler<DeleteDocumentCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeleteDocumentCommand command, CancellationToken cancellationToken)
    {
        var (opportunity, failure) = await OpportunityDocuments.FindWritableAsync<Done>(db, user, command.OpportunityId, cancellationToken);
        if (opportunity is null)
        {
            return failure!;
        }

        var document = await db.OpportunityDocuments
            .SingleOrDefaultAsync(d => d.Id == command.DocumentId && d.OpportunityId == opportunity.Id, cancellationToken);
        if (document is null)
        {
            return Result<Done>.NotFound();
        }

        if (!document.MayBeDeletedBy(user.Id, user.IsAdministrator, opportunity.OwnerId))
        {
            return Result<Done>.Forbidden(
                DocumentRefusals.NotAllowedToDelete, "Only whoever uploaded the document, the opportunity's owner or an administrator may delete it.");
        }

        db.Remove(document); // its content row goes with it (cascading foreign key)
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
