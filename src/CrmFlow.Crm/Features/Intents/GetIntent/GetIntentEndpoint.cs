using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Intents.GetIntent;

internal static class GetIntentEndpoint
{
    public static RouteHandlerBuilder MapGetIntent(this IEndpointRouteBuilder api) =>
        api.MapGet("/intents/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetIntentQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Sales)
            .WithName("GetIntent")
            .WithTags("Intents")
            .WithSummary("One intent with its touch history");
}
