using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Notifications.ListNotifications;

internal static class ListNotificationsEndpoint
{
    /// <summary><c>GET /api/notifications?unreadOnly&amp;page&amp;pageSize</c>: the caller's notifications and unread count.</summary>
    public static void MapListNotifications(this IEndpointRouteBuilder api) =>
        api.MapGet("/notifications", async (ISender sender, CancellationToken cancellationToken, bool? unreadOnly, int? page, int? pageSize) =>
                (await sender.Send(new ListNotificationsQuery(unreadOnly ?? false, page ?? 1, pageSize ?? 20), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("ListNotifications")
            .WithTags("Notifications")
            .WithSummary("The caller's notifications, newest first, with the unread count");
}
