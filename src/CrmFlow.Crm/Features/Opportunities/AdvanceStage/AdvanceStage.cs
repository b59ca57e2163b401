using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.AdvanceStage;

/// <summary>
/// A request to advance an opportunity (商机进程推进): to the next stage (or back to an earlier one) with a summary, or,
/// with <paramref name="Result"/> <c>Won</c> / <c>Lost</c>, to close it (won only from the last stage; lost from any,
/// with a reason).
/// </summary>
public sealed record StageAdvanceRequest(string Summary, Guid? ToStageId = null, OpportunityStatus? Result = null, string? LostReason = null);

/// <summary>Runs the gates of the requested move without changing anything (the first step of <c>opportunity-stage-advancement</c>).</summary>
public sealed record CheckStageGatesQuery(Guid OpportunityId, StageAdvanceRequest Request) : IQuery<Result<GateReport>>;

/// <summary>The move and its unmet conditions (stable codes, see <see cref="StageGates"/>); empty = the move may happen.</summary>
public sealed record GateReport(Guid OpportunityId, Guid FromStageId, Guid ToStageId, string ToStageName, OpportunityStatus? Result, IReadOnlyList<string> UnmetConditions)
{
    public bool Passed => UnmetConditions.Count == 0;
}

/// <summary>Applies the move after re-running the gates in the same transaction; records the stage change with its summary and time in stage.</summary>
public sealed record AdvanceStageCommand(Guid OpportunityId, StageAdvanceRequest Request, Guid ActorId) : ICommand<Result<StageAdvanced>>;

public sealed record StageAdvanced(
    Guid OpportunityId, Guid RecordId, Guid FromStageId, Guid ToStageId, OpportunityStatus Status, long SecondsInStage, string Summary);

public static class StageRefusals
{
    public const string Closed = "stage.opportunity_closed";
    public const string NotNextStage = "stage.not_next_stage";
    public const string GatesUnmet = "stage.gates_unmet";

    /// <summary>A gate code of its own: closing as won needs the last stage.</summary>
    public const string LastStageReached = "last_stage_reached";

    /// <summary>On the last stage the only way forward is a result.</summary>
    public const string ResultRequired = "stage.result_required";
}

internal sealed class StageAdvanceRequestValidator : AbstractValidator<StageAdvanceRequest>
{
    public StageAdvanceRequestValidator()
    {
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(2000);
        RuleFor(r => r.Result).Must(r => r is null or OpportunityStatus.Won or OpportunityStatus.Lost).WithMessage("Result must be Won or Lost.");
        RuleFor(r => r.LostReason).NotEmpty().When(r => r.Result == OpportunityStatus.Lost).WithMessage("A lost opportunity needs a reason.");
        RuleFor(r => r.LostReason).MaximumLength(500);
    }
}

internal sealed class CheckStageGatesValidator : AbstractValidator<CheckStageGatesQuery>
{
    public CheckStageGatesValidator()
    {
        RuleFor(q => q.OpportunityId).NotEmpty();
        RuleFor(q => q.Request).NotNull().SetValidator(new StageAdvanceRequestValidator());
    }
}

internal sealed class AdvanceStageValidator : AbstractValidator<AdvanceStageCommand>
{
    public AdvanceStageValidator()
    {
        RuleFor(c => c.OpportunityId).NotEmpty();
        RuleFor(c => c.Request).NotNull().SetValidator(new StageAdvanceRequestValidator());
    }
}

/// <summary>The gate rules, shared by the check and the command.</summary>
internal static class StageGateRules
{
    public static async Task<(Opportunity? Opportunity, Result<GateReport> Report)> EvaluateAsync(
        CrmDbContext db, Guid opportunityId, StageAdvanceRequest request, bool track, CancellationToken cancellationToken)
    {
        var query = db.Opportunities.Include(o => o.Quotes).Include(o => o.Activities).Include(o => o.Competitors).AsSplitQuery();
        var opportunity = await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(o => o.Id == opportunityId, cancellationToken);
        if (opportunity is null)
        {
            return (null, Result<GateReport>.NotFound());
        }

        if (!opportunity.IsOpen)
        {
            return (opportunity, Result<GateReport>.Refused(StageRefusals.Closed, $"The opportunity is already {opportunity.Status}."));
        }

        var stages = await db.SalesStages.AsNoTracking().Where(s => s.SalesModeId == opportunity.SalesModeId).OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var current = stages.FindIndex(s => s.Id == opportunity.StageId);
        var here = stages[current];
        if (request.Result is { } result)
        {
            var unmetResult = result == OpportunityStatus.Won && current != stages.Count - 1 ? new[] { StageRefusals.LastStageReached } : [];
            return (opportunity, Result<GateReport>.Ok(new GateReport(opportunity.Id, here.Id, here.Id, here.Name, result, unmetResult)));
        }

        var targetIndex = request.ToStageId is { } to ? stages.FindIndex(s => s.Id == to) : current + 1;
        if (request.ToStageId is null && current == stages.Count - 1)
        {
            return (opportunity, Result<GateReport>.Refused(StageRefusals.ResultRequired, "The opportunity is on the last stage: close it as won or lost."));
        }

        if (targetIndex < 0 || targetIndex == current || targetIndex > current + 1)
        {
            return (opportunity, Result<GateReport>.Refused(
                StageRefusals.NotNextStage, "An opportunity moves to the next stage of its sales mode, or back to an earlier one.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["ToStageId"] = ["Not the next or an earlier stage of this sales mode."] }));
        }

        var target = stages[targetIndex];
        var unmet = targetIndex > current ? opportunity.UnmetGates(target) : []; // moving back passes no gate
        return (opportunity, Result<GateReport>.Ok(new GateReport(opportunity.Id, here.Id, target.Id, target.Name, null, unmet)));
    }
}

internal sealed class CheckStageGatesHandler(CrmDbContext db) : IQueryHandler<CheckStageGatesQuery, Result<GateReport>>
{
    public async ValueTask<Result<GateReport>> Handle(CheckStageGatesQuery query, CancellationToken cancellationToken) =>
        (await StageGateRules.EvaluateAsync(db, query.OpportunityId, query.Request, track: false, cancellationToken)).Report;
}

internal sealed class AdvanceStageHandler(CrmDbContext db, TimeProvider time) : ICommandHandler<AdvanceStageCommand, Result<StageAdvanced>>
{
    public async ValueTask<Result<StageAdvanced>> Handle(AdvanceStageCommand command, CancellationToken cancellationToken)
    {
        var (opportunity, report) = await StageGateRules.EvaluateAsync(db, command.OpportunityId, command.Request, track: true, cancellationToken);
        if (!report.IsOk)
        {
            return report.Cast<StageAdvanced>();
        }

        var gates = report.Value!;
        if (!gates.Passed)
        {
            return Result<StageAdvanced>.Refused(StageRefusals.GatesUnmet, "The stage's conditions are not met: " + string.Join(", ", gates.UnmetConditions));
        }

        var now = time.GetUtcNow();
        var request = command.Request;
        StageRecord record;
        if (request.Result is { } result)
        {
            record = opportunity!.Close(Guid.CreateVersion7(), result == OpportunityStatus.Won, request.Summary, request.LostReason, command.ActorId, now);
        }
        else
        {
            var target = await db.SalesStages.SingleAsync(s => s.Id == gates.ToStageId, cancellationToken);
            record = opportunity!.MoveTo(Guid.CreateVersion7(), target, request.Summary, command.ActorId, now);
        }

        db.StageRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return Result<StageAdvanced>.Ok(new StageAdvanced(
            opportunity.Id, record.Id, record.FromStageId, record.ToStageId, opportunity.Status, record.SecondsInStage, record.Summary));
    }
}
