using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

/// <summary>Well-known outcome names.</summary>
public static class Outcomes
{
    public const string Done = nameof(Done);
}

/// <summary>
/// The root of all activities. An instance is bound to one definition node (its inputs and outputs are set
/// by the engine) and shared by every execution of that node, so it must keep no per-run state: per-run
/// state lives in <see cref="ActivityExecutionContext"/>.
/// </summary>
public abstract class ActivityBase
{
    /// <summary>The node this instance is bound to.</summary>
    public ActivityNode Node { get; internal set; } = default!;

    public ActivityDescriptor Descriptor { get; internal set; } = default!;

    /// <summary>Runs the activity. Complete it, schedule children or create bookmarks through the context.</summary>
    protected internal abstract ValueTask ExecuteCoreAsync(ActivityExecutionContext context);

    /// <summary>Called when one of this activity's bookmarks is resumed; completes by default.</summary>
    protected internal virtual ValueTask OnResumeAsync(ActivityExecutionContext context) => context.CompleteAsync();

    /// <summary>Called when a child scheduled by this activity completes (or is faulted under the continue strategy).</summary>
    protected internal virtual ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        context.Children.Count == 0 ? context.CompleteAsync() : default;

    /// <summary>Publish-time validation of the node (e.g. a cron expression).</summary>
    public virtual void Validate(ActivityValidationContext validation)
    {
    }
}

/// <summary>An activity that decides itself when it completes.</summary>
public abstract class Activity : ActivityBase
{
    protected abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    protected internal sealed override ValueTask ExecuteCoreAsync(ActivityExecutionContext context) => ExecuteAsync(context);
}

/// <summary>An activity that completes as soon as <see cref="ExecuteAsync"/> returns, with the returned outcome.</summary>
public abstract class CodeActivity : ActivityBase
{
    protected abstract ValueTask<string> ExecuteAsync(ActivityExecutionContext context);

    protected internal sealed override async ValueTask ExecuteCoreAsync(ActivityExecutionContext context)
    {
        var outcome = await ExecuteAsync(context).ConfigureAwait(false);
        await context.CompleteAsync(outcome).ConfigureAwait(false);
    }
}

/// <summary>What a parent learns when a child finishes.</summary>
public sealed record ChildCompletion(ActivityExecutionContext Child, IReadOnlyList<string> Outcomes)
{
    public ActivityStatus Status => Child.Status;

    public string? Tag => Child.Tag;

    public ActivityNode Node => Child.Node;
}

/// <summary>Collects validation messages for one node at publish time.</summary>
public sealed class ActivityValidationContext(ActivityNode node, IList<ValidationMessage> messages)
{
    public ActivityNode Node { get; } = node;

    public void AddError(string message) => messages.Add(new ValidationMessage(message, Node.Id, Node.Type));
}

/// <summary>A publish-time validation message naming the activity.</summary>
public sealed record ValidationMessage(string Message, string? ActivityId = null, string? ActivityType = null);
