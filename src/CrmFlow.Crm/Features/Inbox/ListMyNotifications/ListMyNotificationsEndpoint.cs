using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.ListMyNotifications;

internal static class ListMyNotificationsEndpoint
{
    /// <summary><c>GET /api/notifications?take</c>: the caller's notifications, newest first.</summary>
    public static void MapListMyNotifications(this IEndpointRouteBuilder api) =>
        api.MapGet("/notifications", async (int? take, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ListMyNotificationsQuery(take ?? 20), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("ListMyNotifications")
            .WithTags("Inbox")
            .WithSummary("The caller's notifications (escalations, survey reminders), newest first");
}
