using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Identity.ListDepartments;

internal static class ListDepartmentsEndpoint
{
    /// <summary><c>GET /api/departments</c>: administrators.</summary>
    public static RouteHandlerBuilder MapListDepartments(this IEndpointRouteBuilder api) =>
        api.MapGet("/departments", async (ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListDepartmentsQuery(), cancellationToken)))
            .RequireAuthorization(Policies.Administrator)
            .WithName("ListDepartments")
            .WithTags("Identity")
            .WithSummary("All departments with their user counts");
}
