using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.DeleteDocument;

internal static class DeleteDocumentEndpoint
{
    public static RouteHandlerBuilder MapDeleteDocument(this IEndpointRouteBuilder api) =>
        api.MapDelete("/opportunities/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteDocumentCommand(id, documentId), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Sales)
            .WithName("DeleteOpportunityDocument")
            .WithTags("Opportunities")
            .WithSummary("Delete a document (its uploader, the opportunity's owner or an administrator)");
}
