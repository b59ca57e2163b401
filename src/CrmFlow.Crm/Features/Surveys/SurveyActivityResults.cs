using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Crm.Features.Surveys;

/// <summary>How the survey activities treat a use case's outcome: a missing campaign is a fault (incident naming the request).</summary>
internal static class SurveyActivityResults
{
    public static T Require<T>(Result<T> result, string request) => result.Status switch
    {
        ResultStatus.Ok => result.Value!,
        ResultStatus.NotFound => throw new WorkflowFaultException("not_found", "CrmFlow.Market", request, $"{request}: the survey campaign does not exist."),
        _ => throw new WorkflowFaultException(result.Refusal!.Code, "CrmFlow.Market", request, $"{request}: {result.Refusal.Detail}"),
    };

    public static Guid CampaignId(string? value, string request) => Guid.TryParse(value, out var id)
        ? id
        : throw new WorkflowFaultException("invalid_input", "CrmFlow.Market", request, $"{request}: campaignId '{value}' is not an id.");
}
