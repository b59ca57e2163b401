using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Notifications.MarkNotificationsRead;

internal static class MarkNotificationsReadEndpoint
{
    /// <summary><c>POST /api/notifications/read</c> with <c>{"ids": [...]}</c> or <c>{"all": true}</c>.</summary>
    public static void MapMarkNotificationsRead(this IEndpointRouteBuilder api) =>
        api.MapPost("/notifications/read", async (MarkNotificationsReadCommand command, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(command, cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("MarkNotificationsRead")
            .WithTags("Notifications")
            .WithSummary("Marks the caller's notifications read");
}
