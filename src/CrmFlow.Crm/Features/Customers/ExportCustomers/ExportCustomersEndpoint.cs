using System.Text;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using Mediator;

namespace CrmFlow.Crm.Features.Customers.ExportCustomers;

internal static class ExportCustomersEndpoint
{
    /// <summary><c>GET /api/customers/export?kind=&amp;search=</c>: CSV of readable customers and their contacts.</summary>
    public static RouteHandlerBuilder MapExportCustomers(this IEndpointRouteBuilder api) =>
        api.MapGet("/customers/export", async (CustomerKind? kind, string? search, ISender sender, CancellationToken cancellationToken) =>
            {
                var export = await sender.Send(new ExportCustomersQuery(kind, search), cancellationToken);
                return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(export.Csv)).ToArray(), "text/csv; charset=utf-8", export.FileName);
            })
            .RequireAuthorization(Policies.Customers)
            .WithName("ExportCustomers")
            .WithTags("Customers")
            .WithSummary("CSV export of the customers the caller may read, with their contacts");
}
