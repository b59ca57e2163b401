using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Identity.CreateApiClient;

internal static class CreateApiClientEndpoint
{
    /// <summary><c>POST /api/api-clients</c>: administrators.</summary>
    public static RouteHandlerBuilder MapCreateApiClient(this IEndpointRouteBuilder api) =>
        api.MapPost("/api-clients", async (CreateApiClientCommand body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(body, cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api/api-clients/{created.Id}", created)))
            .RequireAuthorization(Policies.Administrator)
            .WithName("CreateApiClient")
            .WithTags("Identity")
            .WithSummary("Create an integration client; its key is returned once");
}
