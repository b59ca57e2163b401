using CrmFlow.Crm.Common.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmFlow.Crm.Common.Http;

/// <summary>Maps use-case outcomes to HTTP: 404 (missing or not visible, same body), 403, 422 ProblemDetails with a stable <c>code</c>.</summary>
internal static class ResultHttp
{
    public const string CodeExtension = "code";

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult>? ok = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            ResultStatus.Ok => ok is null ? TypedResults.Ok(result.Value) : ok(result.Value!),
            ResultStatus.NotFound => Problem(StatusCodes.Status404NotFound, "not_found", "Not found.", null),
            ResultStatus.Forbidden => Problem(StatusCodes.Status403Forbidden, result.Refusal!.Code, result.Refusal.Detail, null),
            _ => Problem(StatusCodes.Status422UnprocessableEntity, result.Refusal!.Code, result.Refusal.Detail, result.Refusal.Errors),
        };
    }

    public static IResult NoContent(Done _) => TypedResults.NoContent();

    private static ProblemHttpResult Problem(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { [CodeExtension] = code };
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions);
    }
}
