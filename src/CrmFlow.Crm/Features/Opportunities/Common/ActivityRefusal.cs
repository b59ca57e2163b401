using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.AddQuote;

namespace CrmFlow.Crm.Features.Opportunities.Common;

/// <summary>Why a done or cancelled activity can no longer be changed (null: it is planned).</summary>
internal static class ActivityRefusal
{
    public static Result<Done>? Of(OpportunityActivity activity) => activity.Status switch
    {
        OpportunityActivityStatus.Done => Result<Done>.Refused(OpportunityRefusals.ActivityDone, "The activity is done; it can no longer be changed."),
        OpportunityActivityStatus.Cancelled => Result<Done>.Refused(OpportunityRefusals.ActivityCancelled, "The activity was cancelled; it can no longer be changed."),
        _ => null,
    };
}
