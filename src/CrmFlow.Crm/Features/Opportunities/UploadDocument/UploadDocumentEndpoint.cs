using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Features.Opportunities.UploadDocument;

/// <summary>The multipart/form-data body of <c>POST /api/opportunities/{id}/documents</c> (for the OpenAPI document).</summary>
public sealed record UploadDocumentForm(IFormFile File, string? Kind, string? Description);

internal static class UploadDocumentEndpoint
{
    /// <summary>Room in the request body for the multipart framing and the text fields beside the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static RouteHandlerBuilder MapUploadDocument(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/documents", UploadAsync)
            .RequireAuthorization(Policies.Sales)

            // API clients authenticate with a bearer token or an API key and carry no antiforgery token; the form is read
            // by hand below, and a caller signed in by the web UI's cookie must present one (checked there).
            .DisableAntiforgery()
            .Accepts<UploadDocumentForm>("multipart/form-data")
            .Produces<DocumentDetails>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("UploadOpportunityDocument")
            .WithTags("Opportunities")
            .WithSummary("Attach a document (multipart part 'file'; optional 'kind' and 'description')");

    private static async Task<IResult> UploadAsync(
        Guid id, HttpContext context, ISender sender, IOptions<OpportunityDocumentsOptions> options, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return FileProblem(StatusCodes.Status400BadRequest, "validation_failed", "Send the document as multipart/form-data, the file in the part 'file'.");
        }

        var limits = options.Value;
        var tooLarge = $"The file is larger than the limit of {limits.MaxSizeText}.";
        var bodyLimit = limits.MaxSizeBytes + FormOverheadBytes;
        if (request.ContentLength > bodyLimit)
        {
            return FileProblem(StatusCodes.Status413PayloadTooLarge, "document.too_large", tooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
        {
            maxBody.MaxRequestBodySize = bodyLimit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return FileProblem(StatusCodes.Status413PayloadTooLarge, "document.too_large", tooLarge);
        }
        catch (InvalidDataException e)
        {
            return FileProblem(StatusCodes.Status400BadRequest, "validation_failed", "The multipart/form-data body could not be read: " + e.Message);
        }

        if (context.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
            && context.RequestServices.GetService<IAntiforgery>() is { } antiforgery
            && !await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(
                detail: "A request signed in by the web UI's cookie must carry an antiforgery token.",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { [ResultHttp.CodeExtension] = "antiforgery_failed" });
        }

        var file = form.Files.GetFile(UploadDocumentValidator.FileField);
        byte[]? content = null;
        if (file is not null)
        {
            if (file.Length > limits.MaxSizeBytes)
            {
                return FileProblem(StatusCodes.Status413PayloadTooLarge, "document.too_large", tooLarge);
            }

            content = new byte[file.Length];
            var stream = file.OpenReadStream();
            await using (stream.ConfigureAwait(false))
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }
        }

        var command = new UploadDocumentCommand(id, file?.FileName, file?.ContentType, content, Text(form["kind"]), Text(form["description"]));
        return (await sender.Send(command, cancellationToken))
            .ToHttp(added => TypedResults.Created($"/api/opportunities/{id}/documents/{added.Id}/content", added));
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrWhiteSpace(value) ? null : value.ToString().Trim();

    /// <summary>The same shape as a validation failure (<c>errors.file</c>), with its own status and code.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FileProblem(int status, string code, string message)
    {
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [UploadDocumentValidator.FileField] = [message] })
        {
            Status = status,
            Title = "One or more validation errors occurred.",
        };
        details.Extensions[ResultHttp.CodeExtension] = code;
        return TypedResults.Problem(details);
    }
}
