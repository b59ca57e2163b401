using System.Globalization;
using Cronos;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Activities;

/// <summary>Timer bookmarks carry <c>{"resumeAt": "…"}</c> as stimulus and payload; the runtime resumes them when due.</summary>
public abstract class TimerActivityBase : Activity
{
    protected static object Stimulus(DateTimeOffset resumeAt) => new { resumeAt = resumeAt.ToString("O", CultureInfo.InvariantCulture) };

    protected static void Wait(ActivityExecutionContext context, DateTimeOffset resumeAt) =>
        context.CreateBookmark(Stimulus(resumeAt), payload: Stimulus(resumeAt));
}

[Activity("Elsa", "Delay", Category = "Scheduling", Description = "Delay execution for the specified amount of time.")]
public sealed class Delay : TimerActivityBase
{
    [Input(Description = "The timespan to delay workflow execution.", DefaultValue = "00:01:00")]
    public Input<TimeSpan> TimeSpan { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        Wait(context, context.TimeProvider.GetUtcNow() + context.Get(TimeSpan));
        return default;
    }
}

[Activity("Elsa", "Timer", Category = "Scheduling", Description = "Trigger workflow execution at a specific interval.", Kind = ActivityKind.Trigger)]
public sealed class Timer : TimerActivityBase
{
    [Input(Description = "The interval at which the timer should execute.", DefaultValue = "00:01:00")]
    public Input<TimeSpan> Interval { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            return context.CompleteAsync();
        }

        Wait(context, context.TimeProvider.GetUtcNow() + context.Get(Interval));
        return default;
    }
}

[Activity("Elsa", "StartAt", Category = "Scheduling", Description = "Trigger execution at a specific time in the future.", Kind = ActivityKind.Trigger)]
public sealed class StartAt : TimerActivityBase
{
    [Input(Description = "The moment to continue at.")]
    public Input<DateTimeOffset> DateTime { get; set; } = default!;

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var at = context.Get(DateTime);
        if (context.IsTriggerOfWorkflow || at <= context.TimeProvider.GetUtcNow())
        {
            return context.CompleteAsync();
        }

        Wait(context, at);
        return default;
    }
}

[Activity("Elsa", "Cron", Category = "Scheduling", Description = "Trigger workflow execution at a specific interval using a CRON expression.", Kind = ActivityKind.Trigger)]
public sealed class Cron : TimerActivityBase
{
    [Input(Description = "The CRON expression at which the timer should execute.")]
    public Input<string> CronExpression { get; set; } = default!;

    /// <summary>Parses six-field expressions (seconds first, as Elsa does); exactly five fields are read as standard cron.</summary>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return Cronos.CronExpression.Parse(expression, fields == 5 ? CronFormat.Standard : CronFormat.IncludeSeconds);
    }

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            return context.CompleteAsync();
        }

        var next = Parse(context.Get(CronExpression) ?? string.Empty).GetNextOccurrence(context.TimeProvider.GetUtcNow(), TimeZoneInfo.Utc)
                   ?? throw new InvalidOperationException($"Cron '{Node.Id}' has no next occurrence.");
        Wait(context, next);
        return default;
    }

    public override void Validate(ActivityValidationContext validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var expression = Node.GetInput("cronExpression")?.Expression;
        if (expression is null || !string.Equals(expression.Type, "Literal", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            Parse(expression.ValueAsString ?? string.Empty);
        }
        catch (CronFormatException ex)
        {
            validation.AddError($"Error when parsing cron expression: {ex.Message}");
        }
    }
}
