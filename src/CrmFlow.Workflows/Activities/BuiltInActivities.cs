namespace CrmFlow.Workflows.Activities;

/// <summary>Every built-in activity type (Elsa's type names), registered by <c>AddWorkflowEngine()</c>.</summary>
public static class BuiltInActivities
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(Flowchart), typeof(Sequence), typeof(Start), typeof(End), typeof(Finish), typeof(Complete), typeof(Break),
        typeof(FlowDecision), typeof(If), typeof(Switch), typeof(FlowSwitch), typeof(FlowJoin), typeof(FlowFork), typeof(Fork),
        typeof(FlowNode), typeof(ForEach), typeof(ParallelForEach), typeof(For), typeof(While),
        typeof(Fault), typeof(Correlate), typeof(SetName), typeof(SetVariable), typeof(SetOutput), typeof(WriteLine), typeof(RunJavaScript),
        typeof(Event), typeof(PublishEvent), typeof(Delay), typeof(Timer), typeof(StartAt), typeof(Cron),
        typeof(HttpEndpoint), typeof(WriteHttpResponse), typeof(SendHttpRequest), typeof(FlowSendHttpRequest),
        typeof(ExecuteWorkflow), typeof(DispatchWorkflow), typeof(NotFoundActivity), typeof(UserTask),
    ];
}
