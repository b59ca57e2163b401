using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;
using Microsoft.Net.Http.Headers;

namespace CrmFlow.Crm.Features.Opportunities.GetDocumentContent;

internal static class GetDocumentContentEndpoint
{
    public static RouteHandlerBuilder MapGetDocumentContent(this IEndpointRouteBuilder api) =>
        api.MapGet("/opportunities/{id:guid}/documents/{documentId:guid}/content", DownloadAsync)
            .RequireAuthorization(Policies.Sales)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DownloadOpportunityDocument")
            .WithTags("Opportunities")
            .WithSummary("Download a document: its content type, original file name (attachment) and an ETag from its SHA-256");

    private static async Task<IResult> DownloadAsync(Guid id, Guid documentId, ISender sender, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetDocumentContentQuery(id, documentId), cancellationToken);
        if (!result.IsOk)
        {
            return result.ToHttp();
        }

        var document = result.Value!;
        var headers = context.Response.Headers;

        // Stored files are whatever people uploaded: never sniffed or run as a page of this site, revalidated on each use
        // (the ETag makes that cheap) so a revoked permission takes effect at once.
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, no-cache";
        return TypedResults.File(
            document.Content, document.ContentType, document.FileName,
            lastModified: document.UploadedAt, entityTag: new EntityTagHeaderValue($"\"{document.Sha256}\""));
    }
}
