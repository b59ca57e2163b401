using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Common.Http;

/// <summary>
/// A lost race (a row changed since it was read, e.g. an activity changed twice from the same read) or an already
/// finished task/bookmark: 409 ProblemDetails with <c>code: conflict</c>.
/// </summary>
internal sealed class ConflictExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not (UserTaskConflictException or WorkflowConflictException or DbUpdateConcurrencyException))
        {
            return false;
        }

        var details = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = exception is DbUpdateConcurrencyException
            ? "The record was changed by someone else since it was read; reload it and try again."
            : exception.Message };
        details.Extensions[ResultHttp.CodeExtension] = "conflict";
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception }).ConfigureAwait(false);
    }
}
