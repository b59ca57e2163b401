using System.Security.Claims;
using CrmFlow.Crm.Common.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CrmFlow.Server.WebUi;

/// <summary>The authenticated user of the current Blazor circuit; null outside a circuit.</summary>
internal sealed class CircuitPrincipal
{
    public ClaimsPrincipal? User { get; set; }
}

/// <summary>Keeps <see cref="CircuitPrincipal"/> in step with the circuit's authentication state.</summary>
internal sealed class CircuitPrincipalHandler(AuthenticationStateProvider authentication, CircuitPrincipal principal)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        principal.User = (await authentication.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;

    private async void OnChanged(Task<AuthenticationState> state)
    {
        try
        {
            principal.User = (await state.ConfigureAwait(false)).User;
        }
        catch (InvalidOperationException)
        {
            principal.User = null;
        }
    }
}

/// <summary>
/// The caller for use cases: the circuit's user in the web UI, the request's user otherwise. Reads the same
/// claims as the CRM module's HTTP implementation.
/// </summary>
internal sealed class UiCurrentUser(IHttpContextAccessor accessor, CircuitPrincipal circuit) : ICurrentUser
{
    private ClaimsPrincipal? Principal => circuit.User ?? accessor.HttpContext?.User;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(CrmClaimTypes.Subject), out var id) ? id : null;

    public bool IsUser => Id is not null
        && Principal?.FindFirstValue(CrmClaimTypes.PrincipalKind) is null or CrmClaimTypes.UserKind;

    public IReadOnlyCollection<string> Roles =>
        Principal?.FindAll(CrmClaimTypes.Role).Select(c => c.Value).ToArray() ?? [];
}
