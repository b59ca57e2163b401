using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.OpenSurveyCampaign;

/// <summary>Opens a draft campaign for answers; opening an open one again is a no-op, a closed one is refused.</summary>
public sealed record OpenSurveyCampaignCommand(Guid Id) : ICommand<Result<Done>>;

internal sealed class OpenSurveyCampaignHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<OpenSurveyCampaignCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(OpenSurveyCampaignCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.SurveyCampaigns.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (campaign is null)
        {
            return Result<Done>.NotFound();
        }

        if (campaign.Status == Domain.Market.SurveyCampaignStatus.Closed)
        {
            return Result<Done>.Refused("campaign_closed", "The campaign is closed.");
        }

        if (campaign.Open(time.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result<Done>.Ok(default);
    }
}
