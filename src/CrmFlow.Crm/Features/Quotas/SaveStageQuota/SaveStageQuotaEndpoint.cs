using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Quotas.SaveStageQuota;

internal static class SaveStageQuotaEndpoint
{
    public static RouteHandlerBuilder MapSaveStageQuota(this IEndpointRouteBuilder api) =>
        api.MapPut("/quotas", async (SaveStageQuotaCommand body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(body, cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.SalesManagement)
            .WithName("SaveStageQuota")
            .WithTags("Quotas")
            .WithSummary("Compute and save the stage quota of a company, department or person for a month");
}
