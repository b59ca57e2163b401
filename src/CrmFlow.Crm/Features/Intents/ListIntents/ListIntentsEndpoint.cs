using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Sales;
using Mediator;

namespace CrmFlow.Crm.Features.Intents.ListIntents;

internal static class ListIntentsEndpoint
{
    public static RouteHandlerBuilder MapListIntents(this IEndpointRouteBuilder api) =>
        api.MapGet("/intents", async (IntentStatus? status, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListIntentsQuery(status), cancellationToken)))
            .RequireAuthorization(Policies.Sales)
            .WithName("ListIntents")
            .WithTags("Intents")
            .WithSummary("Intents on customers the caller may read");
}
