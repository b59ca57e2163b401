using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.ClaimTask;

/// <summary>Optional body of claim/unclaim: the revision the caller saw.</summary>
public sealed record TaskRevisionRequest(long? Revision);

internal static class ClaimTaskEndpoint
{
    public static void MapClaimTask(this IEndpointRouteBuilder api)
    {
        api.MapPost("/tasks/{id}/claim", async (string id, TaskRevisionRequest? body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ClaimTaskCommand(id, true, body?.Revision), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("ClaimTask")
            .WithTags("Inbox")
            .WithSummary("A candidate takes an open task");
        api.MapPost("/tasks/{id}/unclaim", async (string id, TaskRevisionRequest? body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ClaimTaskCommand(id, false, body?.Revision), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("UnclaimTask")
            .WithTags("Inbox")
            .WithSummary("The assignee (or a supervisor) gives a task back to its candidates");
    }
}
