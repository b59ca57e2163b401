using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.ListSnapshots;

internal static class ListPyramidSnapshotsEndpoint
{
    /// <summary><c>GET /api/value-pyramid/models/{id}/snapshots</c>: the trend of tier counts.</summary>
    public static RouteHandlerBuilder MapListPyramidSnapshots(this IEndpointRouteBuilder api) =>
        api.MapGet("/value-pyramid/models/{id:guid}/snapshots", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ListPyramidSnapshotsQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Financials)
            .WithName("ListPyramidSnapshots")
            .WithTags("ValuePyramid")
            .WithSummary("A model's snapshots with tier counts, oldest first");
}
