using CrmFlow.Crm.Common.Flows;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Intents.PromoteIntent;

/// <summary>
/// The data change of <c>intent-promotion</c>, in one transaction: prospect → formal customer (contacts move with it),
/// the opportunity, read/write for the users the permission check found lacking, the intent marked promoted with its
/// touches linked. Its outputs (in the journal) say what was granted.
/// </summary>
[Activity("CrmFlow.Sales", "PromoteIntent", Version = 1, Category = "Sales", DisplayName = "Promote intent",
    Description = "Converts a prospect, creates the opportunity, grants the missing rights and marks the intent promoted, in one transaction.")]
[FlowNode(Promoted, Refused)]
internal sealed class PromoteIntentActivity : CodeActivity
{
    public const string Promoted = nameof(Promoted);
    public const string Refused = nameof(Refused);

    [Input(Description = "The intent to promote.")]
    public Input<Guid> IntentId { get; set; } = default!;

    [Input(Description = "The opportunity entry (as for Confirm intent promotion).", UIHint = "json-editor")]
    public Input<object> Request { get; set; } = default!;

    [Input(Description = "Users to grant read/write on the customer (those the permission check reported).")]
    public Input<string[]> GrantAccessTo { get; set; } = default!;

    [Output(Description = "intentId, opportunityId, customerId, customerConverted, ownerId, grantedAccessTo, touchesLinked.")]
    public Output<object> Result { get; set; } = default!;

    [Output(Description = "The users granted read/write by this promotion.")]
    public Output<IReadOnlyList<Guid>> GrantedAccessTo { get; set; } = default!;

    [Output(Description = "Why it was refused: a ProblemDetails body with a code.")]
    public Output<object> Problem { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = FlowValues.To<PromotionRequest>(context.Get(Request))
            ?? throw new InvalidOperationException("The promotion request is missing; confirm the promotion first.");
        var actor = context.Services.GetService<ICurrentUser>()?.Id;
        var sender = context.Services.GetRequiredService<ISender>();
        var result = await sender.Send(
            new PromoteIntentCommand(
                context.Get(IntentId), request,
                [.. (context.Get(GrantAccessTo) ?? []).Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)],
                actor),
            context.CancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            context.Set(Problem, FlowValues.Problem(result.Refusal ?? new Common.Results.Refusal("not_found", "No such intent.")));
            return Refused;
        }

        context.Set(Result, FlowValues.Node(result.Value));
        context.Set(GrantedAccessTo, result.Value!.GrantedAccessTo);
        return Promoted;
    }
}
