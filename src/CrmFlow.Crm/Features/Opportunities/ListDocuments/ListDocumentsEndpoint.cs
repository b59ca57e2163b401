using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.ListDocuments;

internal static class ListDocumentsEndpoint
{
    public static RouteHandlerBuilder MapListDocuments(this IEndpointRouteBuilder api) =>
        api.MapGet("/opportunities/{id:guid}/documents", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ListDocumentsQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Sales)
            .WithName("ListOpportunityDocuments")
            .WithTags("Opportunities")
            .WithSummary("The documents of an opportunity, newest first (name, kind, size, SHA-256, uploader, time)");
}
