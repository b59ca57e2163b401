using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.CommentOnTask;

public sealed record CommentRequest(string Text);

internal static class CommentOnTaskEndpoint
{
    public static void MapCommentOnTask(this IEndpointRouteBuilder api) =>
        api.MapPost("/tasks/{id}/comments", async (string id, CommentRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CommentOnTaskCommand(id, body.Text), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("CommentOnTask")
            .WithTags("Inbox")
            .WithSummary("Adds a comment to a task");
}
