using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Quotas.ComputeStageQuotas;

internal static class ComputeStageQuotasEndpoint
{
    public static RouteHandlerBuilder MapComputeStageQuotas(this IEndpointRouteBuilder api) =>
        api.MapPost("/quotas/calculations", async (ComputeStageQuotasQuery body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(body, cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Sales)
            .WithName("ComputeStageQuotas")
            .WithTags("Quotas")
            .WithSummary("Compute stage quotas by Little's law (nothing is saved)");
}
