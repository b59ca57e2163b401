namespace CrmFlow.Crm.Common.Security;

/// <summary>The role names of DOMAIN.md §5, as stored in the database and carried in tokens.</summary>
public static class CrmRoles
{
    public const string Administrator = nameof(Administrator);
    public const string FlowDesigner = nameof(FlowDesigner);
    public const string ComplaintSupervisor = nameof(ComplaintSupervisor);
    public const string ComplaintHandler = nameof(ComplaintHandler);
    public const string SalesRep = nameof(SalesRep);
    public const string SalesManager = nameof(SalesManager);
    public const string SalesDirector = nameof(SalesDirector);
    public const string Marketing = nameof(Marketing);
    public const string IntegrationClient = nameof(IntegrationClient);

    /// <summary>Every role, in the order of DOMAIN.md §5.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Administrator, FlowDesigner, ComplaintSupervisor, ComplaintHandler,
        SalesRep, SalesManager, SalesDirector, Marketing, IntegrationClient,
    ];
}
