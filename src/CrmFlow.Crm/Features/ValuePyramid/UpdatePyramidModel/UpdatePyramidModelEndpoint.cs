using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.ValuePyramid;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.UpdatePyramidModel;

internal static class UpdatePyramidModelEndpoint
{
    /// <summary><c>PUT /api/value-pyramid/models/{id}</c>.</summary>
    public static RouteHandlerBuilder MapUpdatePyramidModel(this IEndpointRouteBuilder api) =>
        api.MapPut("/value-pyramid/models/{id:guid}", async (Guid id, PyramidModelSpec body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdatePyramidModelCommand(id, body), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Financials)
            .WithName("UpdatePyramidModel")
            .WithTags("ValuePyramid")
            .WithSummary("Replace a pyramid model's content");
}
