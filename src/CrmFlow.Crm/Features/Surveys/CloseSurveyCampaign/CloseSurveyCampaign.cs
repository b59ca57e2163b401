using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.CloseSurveyCampaign;

/// <summary>Closes a campaign: no more answers. Closing a closed campaign again is a no-op.</summary>
public sealed record CloseSurveyCampaignCommand(Guid Id) : ICommand<Result<Done>>;

internal sealed class CloseSurveyCampaignHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<CloseSurveyCampaignCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(CloseSurveyCampaignCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.SurveyCampaigns.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (campaign is null)
        {
            return Result<Done>.NotFound();
        }

        if (campaign.Close(time.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result<Done>.Ok(default);
    }
}
