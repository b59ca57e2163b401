using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.Login;

/// <summary>Elsa's <c>POST /identity/login</c> body.</summary>
public sealed record LoginRequest(string? Username, string? Password);

/// <summary>Elsa's login answer: tokens are null when <see cref="IsAuthenticated"/> is false.</summary>
public sealed record LoginResponse(bool IsAuthenticated, string? AccessToken, string? RefreshToken)
{
    public static LoginResponse Refused { get; } = new(false, null, null);
}

internal sealed partial class LoginHandler(
    CrmDbContext db,
    TokenIssuer tokens,
    IPasswordHasher<User> passwordHasher,
    ILogger<LoginHandler> logger)
{
    // Verified against when the user does not exist, so that unknown names cost as much as wrong passwords.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "not-a-password"));

    public async Task<LoginResponse> HandleAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var user = await VerifyAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return LoginResponse.Refused;
        }

        var issued = tokens.Issue(user);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new LoginResponse(true, issued.AccessToken, issued.RefreshToken);
    }

    /// <summary>
    /// Checks the password (rehashing it when the hasher asks) and logs the outcome; the active user with their roles,
    /// or null. Issues no token: the web UI's cookie sign-in uses this alone.
    /// </summary>
    public async Task<User?> VerifyAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userName = request.Username!.Trim();
        var normalized = User.Normalize(userName);
        var user = await db.Users
            .Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken)
            .ConfigureAwait(false);

        if (user is null || !user.IsActive)
        {
            _ = passwordHasher.VerifyHashedPassword(null!, DummyHash.Value, request.Password!);
            LogRefused(logger, userName);
            return null;
        }

        var result = passwordHasher.VerifyHashedPassword(user, user.PasswordHash, request.Password!);
        if (result == PasswordVerificationResult.Failed)
        {
            LogRefused(logger, userName);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(passwordHasher.HashPassword(user, request.Password!));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        LogSignedIn(logger, user.UserName, user.Id);
        return user;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} ({UserId}) signed in")]
    private static partial void LogSignedIn(ILogger logger, string userName, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {UserName}")]
    private static partial void LogRefused(ILogger logger, string userName);
}
