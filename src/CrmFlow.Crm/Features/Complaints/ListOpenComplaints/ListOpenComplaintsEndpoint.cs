using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.ListOpenComplaints;

internal static class ListOpenComplaintsEndpoint
{
    public static void MapListOpenComplaints(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints", async (ISender sender, CancellationToken cancellationToken, Guid? customerId, bool? includeClosed) =>
                TypedResults.Ok(await sender.Send(new ListOpenComplaintsQuery(customerId, includeClosed ?? false), cancellationToken)))
            .RequireAuthorization(Policies.Complaints)
            .WithName("ListComplaints")
            .WithTags("Complaints")
            .WithSummary("The supervisor's board: open complaints with current step, assignee, due time and overdue flag");
}
