using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.RunPyramid;

internal static class RunPyramidEndpoint
{
    /// <summary>
    /// <c>GET /api/value-pyramid/models/{id}/run?ownerId=&amp;departmentId=&amp;asOf=&amp;tier=&amp;skip=&amp;take=</c>:
    /// the analytics roles (<see cref="Policies.Financials"/>); data permissions deliberately not applied.
    /// </summary>
    public static RouteHandlerBuilder MapRunPyramid(this IEndpointRouteBuilder api) =>
        api.MapGet("/value-pyramid/models/{id:guid}/run", async (
                Guid id, Guid? ownerId, Guid? departmentId, DateOnly? asOf, string? tier, int? skip, int? take,
                ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RunPyramidQuery(id, ownerId, departmentId, asOf, tier, skip ?? 0, take ?? 100), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Financials)
            .WithName("RunPyramid")
            .WithTags("ValuePyramid")
            .WithSummary("Compute a customer value pyramid now");
}
