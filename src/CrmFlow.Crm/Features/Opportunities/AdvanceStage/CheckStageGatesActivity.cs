using CrmFlow.Crm.Common.Flows;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace CrmFlow.Crm.Features.Opportunities.AdvanceStage;

/// <summary>Step 1 of <c>opportunity-stage-advancement</c>: runs the target stage's gates; a refusal carries the unmet condition codes.</summary>
[Activity("CrmFlow.Sales", "CheckStageGates", Version = 1, Category = "Sales", DisplayName = "Check stage gates",
    Description = "Runs the gates configured on the target stage (quote exists, activity completed…) and reports the unmet ones.")]
[FlowNode(Passed, GatesUnmet, Refused, Invalid)]
internal sealed class CheckStageGatesActivity : CodeActivity
{
    public const string Passed = nameof(Passed);
    public const string GatesUnmet = nameof(GatesUnmet);
    public const string Refused = nameof(Refused);
    public const string Invalid = nameof(Invalid);

    [Input(Description = "The opportunity.")]
    public Input<Guid> OpportunityId { get; set; } = default!;

    [Input(Description = "summary, and toStageId or result (Won/Lost) with lostReason.", UIHint = "json-editor")]
    public Input<object> Request { get; set; } = default!;

    [Output(Description = "The move: fromStageId, toStageId, toStageName, result, unmetConditions.")]
    public Output<object> Report { get; set; } = default!;

    [Output(Description = "Why it cannot move: a ProblemDetails body with a code (and unmetConditions).")]
    public Output<object> Problem { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = FlowValues.To<StageAdvanceRequest>(context.Get(Request));
        if (request is null)
        {
            context.Set(Problem, FlowValues.Invalid("Request", "A JSON body with the summary is required."));
            return Invalid;
        }

        try
        {
            var sender = context.Services.GetRequiredService<ISender>();
            var result = await sender.Send(new CheckStageGatesQuery(context.Get(OpportunityId), request), context.CancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                context.Set(Problem, FlowValues.Problem(result.Refusal ?? new Refusal("not_found", "No such opportunity.")));
                return Refused;
            }

            var report = result.Value!;
            context.Set(Report, FlowValues.Node(report));
            if (report.Passed)
            {
                return Passed;
            }

            var problem = FlowValues.Problem(new Refusal(StageRefusals.GatesUnmet, $"Cannot enter \"{report.ToStageName}\": " + string.Join(", ", report.UnmetConditions)))!;
            problem["unmetConditions"] = FlowValues.Node(report.UnmetConditions);
            context.Set(Problem, problem);
            return GatesUnmet;
        }
        catch (ValidationException exception)
        {
            context.Set(Problem, FlowValues.Invalid(exception));
            return Invalid;
        }
    }
}
