namespace CrmFlow.Workflows.Runtime;

public enum WorkflowStatus
{
    Running,
    Finished,
}

public enum WorkflowSubStatus
{
    Pending,
    Executing,
    Suspended,
    Finished,
    Cancelled,
    Faulted,
    Interrupted,
}

public enum ActivityStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Cancelled,
    Faulted,
}

/// <summary>Flowchart algorithm, selected per run with the property <c>Flowchart:ExecutionMode</c>.</summary>
public enum FlowchartExecutionMode
{
    /// <summary>Elsa's default: visit counters per activity and connection, dead paths propagated.</summary>
    CounterBased,

    /// <summary>Tokens per followed connection; implicit joins obey <c>customProperties.mergeMode</c>.</summary>
    TokenBased,
}
