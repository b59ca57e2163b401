namespace CrmFlow.Crm.Common.Security;

/// <summary>
/// Claim names in our tokens and principals. They are the short JWT names Elsa's identity module
/// writes and Elsa Studio reads (<c>name</c>, <c>role</c>), not the long WS-* URIs.
/// </summary>
public static class CrmClaimTypes
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string DisplayName = "display_name";

    /// <summary>Elsa's <c>token_use</c> claim: <c>access</c> for bearer tokens.</summary>
    public const string TokenUse = "token_use";

    /// <summary>Who the caller is: <see cref="UserKind"/> or <see cref="ApiClientKind"/>.</summary>
    public const string PrincipalKind = "principal_kind";

    public const string UserKind = "user";
    public const string ApiClientKind = "api-client";
}
