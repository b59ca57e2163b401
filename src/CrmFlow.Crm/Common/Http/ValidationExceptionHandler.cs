using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;

namespace CrmFlow.Crm.Common.Http;

/// <summary>
/// Turns the validation behaviour's <see cref="ValidationException"/> into a 400 <c>ValidationProblemDetails</c>
/// whose keys are camel-case JSON paths (<c>rows[2].amount</c>), with <c>code</c> = <c>validation_failed</c>.
/// </summary>
internal sealed class ValidationExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not ValidationException validation)
        {
            return false;
        }

        var errors = validation.Errors
            .GroupBy(e => JsonPath(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var details = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
        details.Extensions[ResultHttp.CodeExtension] = "validation_failed";
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    /// <summary><c>Rows[2].CustomerCode</c> → <c>rows[2].customerCode</c>.</summary>
    internal static string JsonPath(string propertyName)
    {
        var builder = new StringBuilder(propertyName.Length);
        var startOfSegment = true;
        foreach (var ch in propertyName)
        {
            builder.Append(startOfSegment ? char.ToLowerInvariant(ch) : ch);
            startOfSegment = ch == '.';
        }

        return builder.ToString();
    }
}
