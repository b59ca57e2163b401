using Microsoft.AspNetCore.Authorization;

namespace CrmFlow.Crm.Common.Security;

/// <summary>
/// Named authorization policies, one per role group; the administrator passes every group.
/// Endpoints use them by name: <c>.RequireAuthorization(Policies.Designer)</c>.
/// </summary>
public static class Policies
{
    public const string Administrator = "Administrator";
    public const string Designer = "Designer";
    public const string Complaints = "Complaints";
    public const string ComplaintSupervision = "ComplaintSupervision";
    public const string Sales = "Sales";
    public const string SalesManagement = "SalesManagement";
    public const string Marketing = "Marketing";
    public const string Integration = "Integration";

    /// <summary>Customers, prospects and contacts (further filtered per customer by data permissions).</summary>
    public const string Customers = "Customers";

    /// <summary>A customer's financial tabs (orders, deliveries, invoices, receivables, receipts). Managers,
    /// directors and administrators only; reps and integration clients post or sell but do not read the ledger.</summary>
    public const string Financials = "Financials";

    /// <summary>The roles each policy accepts (any one of them).</summary>
    public static IReadOnlyDictionary<string, string[]> Roles { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Administrator] = [CrmRoles.Administrator],
        [Designer] = [CrmRoles.FlowDesigner, CrmRoles.Administrator],
        [Complaints] = [CrmRoles.ComplaintSupervisor, CrmRoles.ComplaintHandler, CrmRoles.Administrator],
        [ComplaintSupervision] = [CrmRoles.ComplaintSupervisor, CrmRoles.Administrator],
        [Sales] = [CrmRoles.SalesRep, CrmRoles.SalesManager, CrmRoles.SalesDirector, CrmRoles.Administrator],
        [SalesManagement] = [CrmRoles.SalesManager, CrmRoles.SalesDirector, CrmRoles.Administrator],
        [Marketing] = [CrmRoles.Marketing, CrmRoles.Administrator],
        [Integration] = [CrmRoles.IntegrationClient, CrmRoles.Administrator],
        [Customers] =
        [
            CrmRoles.SalesRep, CrmRoles.SalesManager, CrmRoles.SalesDirector, CrmRoles.ComplaintSupervisor,
            CrmRoles.ComplaintHandler, CrmRoles.Marketing, CrmRoles.Administrator,
        ],
        [Financials] = [CrmRoles.SalesManager, CrmRoles.SalesDirector, CrmRoles.Administrator],
    };

    /// <summary>Registers every policy above; the default and fallback policies require an authenticated caller.</summary>
    public static AuthorizationBuilder AddCrmPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var authenticated = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        builder.SetDefaultPolicy(authenticated).SetFallbackPolicy(authenticated);
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }
}
