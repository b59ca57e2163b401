using System.Globalization;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.ValuePyramid.TakeSnapshots;

/// <summary>
/// The scheduled pyramid run as a flow step: sends <see cref="TakePyramidSnapshotsCommand"/> (every active model, one
/// snapshot per model and period) and publishes one workflow event per customer whose tier moved, named
/// <see cref="TierChangedEventName"/> (default <c>CustomerTierChanged</c>), correlated by customer id, with the
/// customer, the model and the old and new tier as payload. The runtime delivers the events after the flow's
/// commit, starting every flow whose <c>Elsa.Event</c> trigger listens for that name.
/// </summary>
[Activity("CrmFlow.ValuePyramid", "TakeSnapshots", Version = 1, Category = "Value pyramid",
    DisplayName = "Take value pyramid snapshots",
    Description = "Computes every active value pyramid model, stores a snapshot per model and period, and publishes an event per customer whose tier moved.")]
internal sealed class TakePyramidSnapshotsActivity : CodeActivity
{
    public const string DefaultEventName = "CustomerTierChanged";

    [Input(DisplayName = "Tier changed event", Description = "The workflow event published for each customer whose tier moved.", DefaultValue = DefaultEventName)]
    public Input<string> TierChangedEventName { get; set; } = default!;

    [Output(Description = "How many snapshots were stored (one per active model).")]
    public Output<int> SnapshotCount { get; set; } = default!;

    [Output(Description = "How many customers changed tier (one event each).")]
    public Output<int> TierChangeCount { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var taken = await sender.Send(new TakePyramidSnapshotsCommand(), context.CancellationToken).ConfigureAwait(false);
        var eventName = context.Get(TierChangedEventName) is { Length: > 0 } name ? name : DefaultEventName;
        if (context.Services.GetService(typeof(IEventPublisher)) is IEventPublisher publisher)
        {
            foreach (var change in taken.Changes)
            {
                await publisher.PublishAsync(
                    new EventPublication(eventName, change.CustomerId.ToString(), null, IsLocal: false, Payload(change)),
                    context.CancellationToken).ConfigureAwait(false);
            }
        }

        context.Set(SnapshotCount, taken.Snapshots.Count);
        context.Set(TierChangeCount, taken.Changes.Count);
        return Outcomes.Done;
    }

    /// <summary>Plain JSON values, so flows read them with <c>getInput()</c>/<c>Result</c> after any resume.</summary>
    internal static Dictionary<string, object?> Payload(CustomerTierChanged change) => new(StringComparer.Ordinal)
    {
        ["customerId"] = change.CustomerId.ToString(),
        ["customerCode"] = change.CustomerCode,
        ["customerName"] = change.CustomerName,
        ["ownerId"] = change.OwnerId?.ToString(),
        ["modelId"] = change.ModelId.ToString(),
        ["modelName"] = change.ModelName,
        ["oldTier"] = change.OldTier,
        ["newTier"] = change.NewTier,
        ["direction"] = change.Direction,
        ["periodFrom"] = change.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["periodTo"] = change.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
