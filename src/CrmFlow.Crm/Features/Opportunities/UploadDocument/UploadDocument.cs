using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Features.Opportunities.UploadDocument;

/// <summary>
/// Attaches a document (contract, proposal, specification…) to an opportunity the caller may write. The file name is
/// kept without path parts; size and SHA-256 come from the bytes, which are stored in a table of their own.
/// </summary>
public sealed record UploadDocumentCommand(
    Guid OpportunityId, string? FileName, string? ContentType, byte[]? Content, string? Kind, string? Description)
    : ICommand<Result<DocumentDetails>>;

internal sealed class UploadDocumentValidator : AbstractValidator<UploadDocumentCommand>
{
    /// <summary>The field the file travels in (the multipart part's name), as errors name it.</summary>
    public const string FileField = "file";

    public UploadDocumentValidator(IOptions<OpportunityDocumentsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        RuleFor(c => c.Content).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("A file is required: send it as the multipart/form-data part 'file'.")
            .Must(c => c!.Length > 0).WithMessage("The file is empty.")
            .Must(c => c!.LongLength <= limits.MaxSizeBytes).WithMessage($"The file is larger than the limit of {limits.MaxSizeText}.")
            .OverridePropertyName(FileField);
        RuleFor(c => c.Kind)
            .Must(k => k is null || DocumentKinds.IsKnown(k))
            .WithMessage($"The kind must be one of: {string.Join(", ", DocumentKinds.All)}.");
        RuleFor(c => c.Description).MaximumLength(OpportunityDocument.MaxDescriptionLength);
    }
}

internal sealed class UploadDocumentHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<UploadDocumentCommand, Result<DocumentDetails>>
{
    public async ValueTask<Result<DocumentDetails>> Handle(UploadDocumentCommand command, CancellationToken cancellationToken)
    {
        var (opportunity, failure) = await OpportunityDocuments.FindWritableAsync<DocumentDetails>(db, user, command.OpportunityId, cancellationToken);
        if (opportunity is null)
        {
            return failure!;
        }

        var byId = user.Id ?? Guid.Empty;
        var (document, content) = opportunity.AddDocument(
            Guid.CreateVersion7(), command.FileName, command.ContentType, command.Content!, command.Kind, command.Description, byId, time.GetUtcNow());
        db.Add(document);
        db.Add(content);
        await db.SaveChangesAsync(cancellationToken);
        var name = await db.Users.Where(u => u.Id == byId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return Result<DocumentDetails>.Ok(new DocumentDetails(
            document.Id, document.FileName, document.ContentType, document.Size, document.Sha256, document.Kind, document.Description,
            document.UploadedById, name, document.UploadedAt, CanDelete: true));
    }
}
