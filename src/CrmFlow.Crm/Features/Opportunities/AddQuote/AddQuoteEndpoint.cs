using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.AddQuote;

/// <summary>Body of <c>POST /api/opportunities/{id}/quotes</c>.</summary>
public sealed record AddQuoteRequest(decimal Amount, string? Note);

internal static class AddQuoteEndpoint
{
    public static RouteHandlerBuilder MapAddQuote(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/quotes", async (Guid id, AddQuoteRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddQuoteCommand(id, body.Amount, body.Note), cancellationToken))
                .ToHttp(added => TypedResults.Created($"/api/opportunities/{id}", added)))
            .RequireAuthorization(Policies.Sales)
            .WithName("AddQuote")
            .WithTags("Opportunities")
            .WithSummary("Add a quote to an open opportunity");
}
