using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.GetComplaint;

internal static class GetComplaintEndpoint
{
    public static void MapGetComplaint(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetComplaintQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Customers)
            .WithName("GetComplaint")
            .WithTags("Complaints")
            .WithSummary("One complaint with its current step and timeline");
}
