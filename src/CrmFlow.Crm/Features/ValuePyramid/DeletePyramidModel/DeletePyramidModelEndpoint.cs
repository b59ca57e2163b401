using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.DeletePyramidModel;

internal static class DeletePyramidModelEndpoint
{
    /// <summary><c>DELETE /api/value-pyramid/models/{id}</c>.</summary>
    public static RouteHandlerBuilder MapDeletePyramidModel(this IEndpointRouteBuilder api) =>
        api.MapDelete("/value-pyramid/models/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeletePyramidModelCommand(id), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Financials)
            .WithName("DeletePyramidModel")
            .WithTags("ValuePyramid")
            .WithSummary("Delete a pyramid model and its snapshots");
}
