using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Crm.Features.Opportunities.ActivityAlerts;

/// <summary>How the alert activities treat a use case's outcome: a missing activity or a bad id is a fault (incident naming the request).</summary>
internal static class ActivityAlertResults
{
    public static T Require<T>(Result<T> result, string request) => result.Status switch
    {
        ResultStatus.Ok => result.Value!,
        ResultStatus.NotFound => throw new WorkflowFaultException("not_found", "CrmFlow.Sales", request, $"{request}: the opportunity activity does not exist."),
        _ => throw new WorkflowFaultException(result.Refusal!.Code, "CrmFlow.Sales", request, $"{request}: {result.Refusal.Detail}"),
    };

    public static Guid ActivityId(string? value, string request) => Guid.TryParse(value, out var id)
        ? id
        : throw new WorkflowFaultException("invalid_input", "CrmFlow.Sales", request, $"{request}: activityId '{value}' is not an id.");
}
