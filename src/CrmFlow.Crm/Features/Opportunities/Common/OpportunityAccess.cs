using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;

namespace CrmFlow.Crm.Features.Opportunities.Common;

/// <summary>Opportunities follow their customer's data permission (the one rule in <see cref="CustomerAccess"/>).</summary>
internal static class OpportunityAccess
{
    public static IQueryable<Opportunity> VisibleTo(this IQueryable<Opportunity> opportunities, CrmDbContext db, ICurrentUser user, Access access)
    {
        var customers = db.Customers.VisibleTo(user, access).Select(c => c.Id);
        return opportunities.Where(o => customers.Contains(o.CustomerId));
    }

    public static Dictionary<string, string[]> Field(string name, string message) => new(StringComparer.Ordinal) { [name] = [message] };
}
