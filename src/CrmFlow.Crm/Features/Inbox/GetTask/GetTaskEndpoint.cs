using CrmFlow.Crm.Common.Http;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.GetTask;

internal static class GetTaskEndpoint
{
    public static void MapGetTask(this IEndpointRouteBuilder api) =>
        api.MapGet("/tasks/{id}", async (string id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetTaskQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization()
            .WithName("GetTask")
            .WithTags("Inbox")
            .WithSummary("One task with comments, history and flagged candidates");
}
