using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Complaints.ComplaintReasons;

internal static class ComplaintReasonsEndpoint
{
    public static void MapComplaintReasons(this IEndpointRouteBuilder api)
    {
        api.MapGet("/complaint-reasons", async (ISender sender, CancellationToken cancellationToken, bool? includeInactive) =>
                TypedResults.Ok(await sender.Send(new ListComplaintReasonsQuery(includeInactive ?? false), cancellationToken)))
            .RequireAuthorization()
            .WithName("ListComplaintReasons")
            .WithTags("Complaints")
            .WithSummary("Complaint reasons (master data)");
        api.MapPost("/complaint-reasons", async (CreateComplaintReasonCommand command, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(command, cancellationToken)).ToHttp(v => TypedResults.Created($"/api/complaint-reasons/{v.Id}", v)))
            .RequireAuthorization(Policies.Administrator)
            .WithName("CreateComplaintReason")
            .WithTags("Complaints")
            .WithSummary("Adds a complaint reason (administrators)");
    }
}
