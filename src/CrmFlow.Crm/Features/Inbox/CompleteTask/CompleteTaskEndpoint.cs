using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.CompleteTask;

public sealed record CompleteTaskRequest(string? Outcome, JsonObject? Values);

internal static class CompleteTaskEndpoint
{
    public static void MapCompleteTask(this IEndpointRouteBuilder api) =>
        api.MapPost("/tasks/{id}/complete", async (string id, CompleteTaskRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CompleteTaskCommand(id, body.Outcome, body.Values), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("CompleteTask")
            .WithTags("Inbox")
            .WithSummary("Completes a task with its form values; resumes the flow exactly once");
}
