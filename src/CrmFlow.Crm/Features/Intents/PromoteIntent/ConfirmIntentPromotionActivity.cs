using CrmFlow.Crm.Common.Flows;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace CrmFlow.Crm.Features.Intents.PromoteIntent;

/// <summary>Step 1 of <c>intent-promotion</c>: confirms the intent can be promoted and resolves customer, owner and stage.</summary>
[Activity("CrmFlow.Sales", "ConfirmIntentPromotion", Version = 1, Category = "Sales", DisplayName = "Confirm intent promotion",
    Description = "Checks that an open intent can become an opportunity with the given sales mode, stage and owner; changes nothing.")]
[FlowNode(Confirmed, Refused, Invalid)]
internal sealed class ConfirmIntentPromotionActivity : CodeActivity
{
    public const string Confirmed = nameof(Confirmed);
    public const string Refused = nameof(Refused);
    public const string Invalid = nameof(Invalid);

    [Input(Description = "The intent to promote.")]
    public Input<Guid> IntentId { get; set; } = default!;

    [Input(Description = "The opportunity entry: salesModeId, expectedAmount, expectedCloseDate and optional stageId, name, products, ownerId.", UIHint = "json-editor")]
    public Input<object> Request { get; set; } = default!;

    [Output(Description = "customerId, customerIsProspect, ownerId, salesModeId, stageId.")]
    public Output<object> Plan { get; set; } = default!;

    [Output(Description = "The owner, as a one-element list for the permission check.")]
    public Output<string[]> Owner { get; set; } = default!;

    [Output(Description = "Why it was refused or invalid: a ProblemDetails body with a code.")]
    public Output<object> Problem { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = FlowValues.To<PromotionRequest>(context.Get(Request));
        if (request is null)
        {
            context.Set(Problem, FlowValues.Invalid("Request", "A JSON body with the opportunity entry is required."));
            return Invalid;
        }

        try
        {
            var sender = context.Services.GetRequiredService<ISender>();
            var result = await sender.Send(new ConfirmIntentPromotionQuery(context.Get(IntentId), request), context.CancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                context.Set(Problem, result.Refusal is { } refusal
                    ? FlowValues.Problem(refusal)
                    : FlowValues.Problem(new Common.Results.Refusal("not_found", "No such intent."), 404));
                return Refused;
            }

            context.Set(Plan, FlowValues.Node(result.Value));
            context.Set(Owner, [result.Value!.OwnerId.ToString()]);
            return Confirmed;
        }
        catch (ValidationException exception)
        {
            context.Set(Problem, FlowValues.Invalid(exception));
            return Invalid;
        }
    }
}
