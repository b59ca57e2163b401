using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.RecordComplaint;

internal static class RecordComplaintEndpoint
{
    /// <summary>
    /// <c>POST /api/complaints</c> for people (complaint roles, customer must be readable) and
    /// <c>POST /workflows/complaints</c>, the HTTP workflow trigger for integrations (API key): both answer
    /// 202 <c>{complaintId, workflowInstanceId}</c>. The trigger route is more specific than the generic
    /// <c>/workflows/{**path}</c> route, so the complaint is validated before any instance exists.
    /// </summary>
    public static void MapRecordComplaint(this IEndpointRouteBuilder endpoints, IEndpointRouteBuilder api)
    {
        api.MapPost("/complaints", HandleAsync)
            .RequireAuthorization(Policies.Complaints)
            .WithName("RecordComplaint")
            .WithTags("Complaints")
            .WithSummary("Records a complaint and starts the complaint-handling flow");
        endpoints.MapPost("/workflows/complaints", HandleAsync)
            .RequireAuthorization(Policies.Integration)
            .WithName("TriggerComplaintWorkflow")
            .WithTags("Complaints")
            .WithSummary("Integration trigger: records a complaint given business codes and starts its flow");
    }

    private static async Task<IResult> HandleAsync(RecordComplaintCommand command, ISender sender, CancellationToken cancellationToken)
    {
        var recorded = await sender.Send(command, cancellationToken);
        return TypedResults.Accepted($"/api/complaints/{recorded.ComplaintId}", recorded);
    }
}
