using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Ledger.PostLedgerEntries;

internal static class PostLedgerEntriesEndpoint
{
    /// <summary><c>POST /api/ledger/entries</c>: integration clients (and administrators).</summary>
    public static RouteHandlerBuilder MapPostLedgerEntries(this IEndpointRouteBuilder api) =>
        api.MapPost("/ledger/entries", async (PostLedgerEntriesCommand body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(body, cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Integration)
            .WithName("PostLedgerEntries")
            .WithTags("Ledger")
            .WithSummary("Post orders, deliveries, invoices, receivables, receipts, expenses and costs; idempotent per external id");
}
