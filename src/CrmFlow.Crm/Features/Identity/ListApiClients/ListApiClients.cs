using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.ListApiClients;

public sealed record ListApiClientsQuery : IQuery<IReadOnlyList<ApiClientSummary>>;

/// <summary>An integration client; only the key's visible prefix is ever shown again.</summary>
public sealed record ApiClientSummary(
    Guid Id, string Name, string KeyPrefix, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

internal sealed class ListApiClientsHandler(CrmDbContext db) : IQueryHandler<ListApiClientsQuery, IReadOnlyList<ApiClientSummary>>
{
    public async ValueTask<IReadOnlyList<ApiClientSummary>> Handle(ListApiClientsQuery query, CancellationToken cancellationToken)
    {
        var clients = await db.ApiClients.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.KeyPrefix, Roles = c.Roles.Select(r => r.Role).ToList(), c.CreatedAt, c.RevokedAt })
            .ToListAsync(cancellationToken);
        return [.. clients.Select(c => new ApiClientSummary(
            c.Id, c.Name, c.KeyPrefix, [.. c.Roles.Order(StringComparer.Ordinal)], c.CreatedAt, c.RevokedAt))];
    }
}
