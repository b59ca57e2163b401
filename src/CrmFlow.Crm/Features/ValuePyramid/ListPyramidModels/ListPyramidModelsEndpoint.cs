using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.ListPyramidModels;

internal static class ListPyramidModelsEndpoint
{
    /// <summary><c>GET /api/value-pyramid/models</c> and <c>GET /api/value-pyramid/models/{id}</c>.</summary>
    public static void MapListPyramidModels(this IEndpointRouteBuilder api)
    {
        api.MapGet("/value-pyramid/models", async (ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListPyramidModelsQuery(), cancellationToken)))
            .RequireAuthorization(Policies.Financials)
            .WithName("ListPyramidModels")
            .WithTags("ValuePyramid")
            .WithSummary("List the customer value pyramid models");
        api.MapGet("/value-pyramid/models/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetPyramidModelQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Financials)
            .WithName("GetPyramidModel")
            .WithTags("ValuePyramid")
            .WithSummary("One customer value pyramid model");
    }
}
