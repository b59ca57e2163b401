using System.Security.Cryptography;
using System.Text;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CrmFlow.Crm.Features.Identity.Tokens;

/// <summary>
/// The HMAC key for access tokens: <c>Auth:SigningKey</c> when configured, otherwise a random key
/// generated once and stored in <see cref="CrmDbContext.HostSecrets"/>, so that every host on the
/// database accepts the others' tokens. Loaded at start-up by <see cref="CrmDatabaseInitializer"/>.
/// </summary>
internal sealed partial class SigningKeyProvider(IOptions<AuthOptions> options, TimeProvider time, ILogger<SigningKeyProvider> logger)
{
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key
        ?? FromConfiguration()
        ?? throw new InvalidOperationException("The token signing key has not been loaded yet (the host has not started).");

    public async Task InitializeAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (FromConfiguration() is { } configured)
        {
            _key = configured;
            return;
        }

        var stored = await ReadAsync(db, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            db.HostSecrets.Add(new HostSecret(
                HostSecret.JwtSigningKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                LogGenerated(logger);
            }
            catch (DbUpdateException)
            {
                // Another host on the same database stored its key first: use that one.
                db.ChangeTracker.Clear();
            }

            stored = await ReadAsync(db, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The token signing key could not be stored.");
        }

        _key = new SymmetricSecurityKey(Convert.FromBase64String(stored)) { KeyId = "crmflow-db" };
    }

    private static Task<string?> ReadAsync(CrmDbContext db, CancellationToken cancellationToken) =>
        db.HostSecrets.AsNoTracking()
            .Where(s => s.Name == HostSecret.JwtSigningKey)
            .Select(s => s.Value)
            .SingleOrDefaultAsync(cancellationToken);

    private SymmetricSecurityKey? FromConfiguration() =>
        string.IsNullOrEmpty(options.Value.SigningKey)
            ? null
            : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.SigningKey)) { KeyId = "crmflow-config" };

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated and stored a new token signing key")]
    private static partial void LogGenerated(ILogger logger);
}
