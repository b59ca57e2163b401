using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.ReassignTask;

public sealed record ReassignTaskRequest(Guid UserId, string Reason, long? Revision = null);

internal static class ReassignTaskEndpoint
{
    public static void MapReassignTask(this IEndpointRouteBuilder api) =>
        api.MapPost("/tasks/{id}/reassign", async (string id, ReassignTaskRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ReassignTaskCommand(id, body.UserId, body.Reason, body.Revision), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("ReassignTask")
            .WithTags("Inbox")
            .WithSummary("Hands a task to another user, with a reason");
}
