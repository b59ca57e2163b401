using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.TakeSnapshots;

internal static class TakePyramidSnapshotsEndpoint
{
    /// <summary>
    /// <c>POST /api/value-pyramid/snapshots?periodTo=</c>: administrators take the snapshots by hand (the scheduled flow
    /// normally does). No workflow events are published from here; the flow's activity publishes them.
    /// </summary>
    public static RouteHandlerBuilder MapTakePyramidSnapshots(this IEndpointRouteBuilder api) =>
        api.MapPost("/value-pyramid/snapshots", async (DateOnly? periodTo, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new TakePyramidSnapshotsCommand(periodTo), cancellationToken)))
            .RequireAuthorization(Policies.Administrator)
            .WithName("TakePyramidSnapshots")
            .WithTags("ValuePyramid")
            .WithSummary("Store a snapshot of every active model now");
}
