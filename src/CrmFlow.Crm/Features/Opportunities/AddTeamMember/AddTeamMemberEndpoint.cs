using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.AddTeamMember;

/// <summary>Body of <c>POST /api/opportunities/{id}/team</c>.</summary>
public sealed record AddTeamMembersRequest(IReadOnlyList<Guid> UserIds, string? Role);

internal static class AddTeamMemberEndpoint
{
    public static RouteHandlerBuilder MapAddTeamMembers(this IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/team", async (Guid id, AddTeamMembersRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new AddTeamMembersCommand(id, body.UserIds ?? [], body.Role), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Sales)
            .WithName("AddOpportunityTeamMembers")
            .WithTags("Opportunities")
            .WithSummary("Add team members; members lacking rights on the customer are listed and nobody is added");
}
