using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CrmFlow.Crm.Common.Http;

/// <summary>A lost race or an already finished task/bookmark: 409 ProblemDetails with <c>code: conflict</c>.</summary>
internal sealed class ConflictExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not (UserTaskConflictException or WorkflowConflictException))
        {
            return false;
        }

        var details = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = exception.Message };
        details.Extensions[ResultHttp.CodeExtension] = "conflict";
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception }).ConfigureAwait(false);
    }
}
