using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using CrmFlow.Crm.Features.Identity.AuthenticateApiKey;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.RevokeApiClient;

/// <summary>
/// Revokes an API client's key at once on this host (other hosts on the same database stop accepting it within
/// <see cref="ApiKeyCache.Duration"/>); revoking twice keeps the first date.
/// </summary>
public sealed record RevokeApiClientCommand(Guid Id) : ICommand<Result<Done>>;

internal sealed class RevokeApiClientHandler(CrmDbContext db, ApiKeyCache apiKeys, TimeProvider time) : ICommandHandler<RevokeApiClientCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(RevokeApiClientCommand command, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (client is null)
        {
            return Result<Done>.NotFound();
        }

        client.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        apiKeys.Invalidate();
        return Result<Done>.Ok(default);
    }
}
