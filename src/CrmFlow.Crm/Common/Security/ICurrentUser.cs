using System.Security.Claims;

namespace CrmFlow.Crm.Common.Security;

/// <summary>The caller a request runs for: a signed-in user, an API client, or nobody.</summary>
public interface ICurrentUser
{
    /// <summary>The user's or API client's id; null when anonymous.</summary>
    Guid? Id { get; }

    /// <summary>True for a person (not an API client): only people hold data permissions.</summary>
    bool IsUser { get; }

    IReadOnlyCollection<string> Roles { get; }

    bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>True when the caller holds any role accepted by <paramref name="policy"/> (see <see cref="Policies.Roles"/>).</summary>
    bool Satisfies(string policy) => Policies.Roles.TryGetValue(policy, out var roles) && roles.Any(IsInRole);

    bool IsAdministrator => IsInRole(CrmRoles.Administrator);
}

/// <summary>The caller of the current HTTP request, read from its claims.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(CrmClaimTypes.Subject), out var id) ? id : null;

    public bool IsUser => Id is not null
        && Principal?.FindFirstValue(CrmClaimTypes.PrincipalKind) is null or CrmClaimTypes.UserKind;

    public IReadOnlyCollection<string> Roles =>
        Principal?.FindAll(CrmClaimTypes.Role).Select(c => c.Value).ToArray() ?? [];
}
