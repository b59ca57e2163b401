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
        // A client revalidating with the ETag it holds gets 304 without the bytes being read from the database.
        var held = EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var tags)
            ? tags.Where(t => !t.IsWeak).Select(t => t.Tag.ToString().Trim('"')).ToArray()
            : [];
        var result = await sender.Send(new GetDocumentContentQuery(id, documentId, held), cancellationToken);
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
        var entityTag = new EntityTagHeaderValue($"\"{document.Sha256}\"");
        if (document.Content is null)
        {
            headers.ETag = entityTag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(
            document.Content, document.ContentType, document.FileName,
            lastModified: document.UploadedAt, entityTag: entityTag);
    }
}
