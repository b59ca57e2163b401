using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Intents.CreateIntent;

internal static class CreateIntentEndpoint
{
    public static RouteHandlerBuilder MapCreateIntent(this IEndpointRouteBuilder api) =>
        api.MapPost("/intents", async (CreateIntentCommand body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(body, cancellationToken)).ToHttp(created => TypedResults.Created($"/api/intents/{created.Id}", created)))
            .RequireAuthorization(Policies.Sales)
            .WithName("CreateIntent")
            .WithTags("Intents")
            .WithSummary("Record an intent on a customer or prospect");
}
