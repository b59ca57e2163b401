using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.RevokeApiClient;

/// <summary>Revokes an API client's key at once; revoking twice keeps the first date.</summary>
public sealed record RevokeApiClientCommand(Guid Id) : ICommand<Result<Done>>;

internal sealed class RevokeApiClientHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<RevokeApiClientCommand, Result<Done>>
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
        return Result<Done>.Ok(default);
    }
}
