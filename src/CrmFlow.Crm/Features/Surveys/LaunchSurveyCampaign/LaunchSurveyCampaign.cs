using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.LaunchSurveyCampaign;

/// <summary>
/// Starts the <c>survey-campaign</c> flow for a draft campaign (correlation id = the campaign id): it opens the
/// campaign at its start, puts a questionnaire task in the inbox of every employee asked, reminds before the end and
/// closes it at the end. Launching twice is refused.
/// </summary>
public sealed record LaunchSurveyCampaignCommand(Guid Id) : ICommand<Result<SurveyCampaignLaunched>>;

public sealed record SurveyCampaignLaunched(string WorkflowInstanceId);

internal sealed class LaunchSurveyCampaignHandler(CrmDbContext db, IWorkflowRuntime runtime)
    : ICommandHandler<LaunchSurveyCampaignCommand, Result<SurveyCampaignLaunched>>
{
    public const string DefinitionId = "survey-campaign";

    public async ValueTask<Result<SurveyCampaignLaunched>> Handle(LaunchSurveyCampaignCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.SurveyCampaigns.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (campaign is null)
        {
            return Result<SurveyCampaignLaunched>.NotFound();
        }

        if (campaign.WorkflowInstanceId is not null || campaign.Status != SurveyCampaignStatus.Draft)
        {
            return Result<SurveyCampaignLaunched>.Refused("already_launched", "The campaign is already running or over.");
        }

        var id = campaign.Id.ToString();
        WorkflowRunResult run;
        try
        {
            run = await runtime.StartAsync(
                new StartWorkflowRequest(DefinitionId)
                {
                    CorrelationId = id,
                    Input = new Dictionary<string, object?>(StringComparer.Ordinal) { ["CampaignId"] = id },
                },
                cancellationToken);
        }
        catch (WorkflowNotFoundException)
        {
            return Result<SurveyCampaignLaunched>.Refused("flow_missing", $"The {DefinitionId} flow is not published.");
        }

        if (run.Outcome != WorkflowRunOutcome.Started)
        {
            return Result<SurveyCampaignLaunched>.Refused("flow_not_started", $"The {DefinitionId} flow did not start ({run.Outcome}).");
        }

        // The flow may already have opened the campaign in its first burst (a start in the past): reload before saving.
        await db.Entry(campaign).ReloadAsync(cancellationToken);
        campaign.Launched(run.InstanceId);
        await db.SaveChangesAsync(cancellationToken);
        return Result<SurveyCampaignLaunched>.Ok(new(run.InstanceId));
    }
}
