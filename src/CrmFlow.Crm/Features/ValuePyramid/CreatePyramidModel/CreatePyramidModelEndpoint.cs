using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.ValuePyramid;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;

internal static class CreatePyramidModelEndpoint
{
    /// <summary><c>POST /api/value-pyramid/models</c>: the analytics roles (<see cref="Policies.Financials"/>).</summary>
    public static RouteHandlerBuilder MapCreatePyramidModel(this IEndpointRouteBuilder api) =>
        api.MapPost("/value-pyramid/models", async (PyramidModelSpec body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreatePyramidModelCommand(body), cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api/value-pyramid/models/{created.Id}", created)))
            .RequireAuthorization(Policies.Financials)
            .WithName("CreatePyramidModel")
            .WithTags("ValuePyramid")
            .WithSummary("Create a customer value pyramid model");
}
