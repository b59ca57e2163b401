namespace CrmFlow.Crm.Features.Complaints;

/// <summary>Section <c>Complaints</c>: the service levels of the complaint steps (hours until a step's task is due).</summary>
public sealed class ComplaintsOptions
{
    public const string SectionName = "Complaints";

    /// <summary>The workflow definition that runs every complaint.</summary>
    public string WorkflowDefinitionId { get; set; } = "complaint-handling";

    public double AssignHandlerHours { get; set; } = 4;

    public double HandleHours { get; set; } = 48;

    public double FollowUpHours { get; set; } = 24;
}
