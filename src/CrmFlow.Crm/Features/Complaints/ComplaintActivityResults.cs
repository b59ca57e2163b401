using CrmFlow.Crm.Common.Results;

namespace CrmFlow.Crm.Features.Complaints;

/// <summary>Turns a use case's unexpected non-OK result into an incident (a defect of the flow, not a refusal).</summary>
internal static class ComplaintActivityResults
{
    public static T Require<T>(Result<T> result, string request) => result.IsOk
        ? result.Value!
        : throw new InvalidOperationException($"{request} failed: {result.Status} {result.Refusal?.Code} {result.Refusal?.Detail}".TrimEnd());
}
