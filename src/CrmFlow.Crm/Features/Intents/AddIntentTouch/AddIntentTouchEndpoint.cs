using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Intents.AddIntentTouch;

/// <summary>Body of <c>POST /api/intents/{id}/touches</c>.</summary>
public sealed record AddTouchRequest(Guid? ContactId, string Channel, string Summary, DateTimeOffset? At);

internal static class AddIntentTouchEndpoint
{
    public static RouteHandlerBuilder MapAddIntentTouch(this IEndpointRouteBuilder api) =>
        api.MapPost("/intents/{id:guid}/touches", async (Guid id, AddTouchRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddIntentTouchCommand(id, body.ContactId, body.Channel, body.Summary, body.At), cancellationToken))
                .ToHttp(added => TypedResults.Created($"/api/intents/{id}", added)))
            .RequireAuthorization(Policies.Sales)
            .WithName("AddIntentTouch")
            .WithTags("Intents")
            .WithSummary("Record a contact made against an open intent");
}
