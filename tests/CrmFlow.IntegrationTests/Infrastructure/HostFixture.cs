using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Features.Identity.Login;
using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(CrmFlow.IntegrationTests.Infrastructure.PostgreSqlTemplateCleanup))]

namespace CrmFlow.IntegrationTests.Infrastructure;

/// <summary>
/// Class fixture: one database and a started host on it. Further hosts on the same database come from
/// <c>NewFactory</c>. Tests reach the host through <see cref="CreateClient"/>, which skips
/// (or fails) when the database kind is not available here.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    public const string DemoPassword = "CrmFlow!2026";

    private readonly List<CrmFlowFactory> _factories = [];
    private readonly List<TestDatabase> _extraDatabases = [];
    private CrmFlowFactory? _factory;

    public TestDatabase? Database { get; private set; }

    public CrmFlowFactory Factory
    {
        get
        {
            EnsureAvailable();
            return _factory ?? throw new InvalidOperationException("The host fixture was not initialized.");
        }
    }

    /// <summary>Skips (or fails) the calling test when this database kind is not available.</summary>
    public abstract void EnsureAvailable();

    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>
    /// A client signed in as a new user holding exactly <paramref name="roles"/> (stored in the database,
    /// token issued by the host's own issuer), for probing role-protected endpoints.
    /// </summary>
    public async Task<HttpClient> CreateClientWithRolesAsync(params string[] roles)
    {
        string accessToken;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var name = $"test-{Guid.NewGuid():N}"[..20];
            var user = new User(Guid.CreateVersion7(), name, name, null, DateTimeOffset.UtcNow);
            user.SetPasswordHash("not-a-usable-hash");
            foreach (var role in roles)
            {
                user.AddRole(role);
            }

            db.Users.Add(user);
            accessToken = scope.ServiceProvider.GetRequiredService<TokenIssuer>().Issue(user).AccessToken;
            await db.SaveChangesAsync();
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Another host on the same database (not started until used).</summary>
    public CrmFlowFactory NewFactory(IReadOnlyDictionary<string, string?>? settings = null)
    {
        EnsureAvailable();
        var factory = new CrmFlowFactory(Database!.Provider, Database.ConnectionString, settings);
        _factories.Add(factory);
        return factory;
    }

    /// <summary>Another, empty database of the same kind (no template), dropped with the fixture.</summary>
    public async Task<TestDatabase> CreateEmptyDatabaseAsync()
    {
        EnsureAvailable();
        var database = await CreateEmptyDatabaseCoreAsync();
        _extraDatabases.Add(database);
        return database;
    }

    /// <summary>A host on <paramref name="database"/> (not started until used), disposed with the fixture.</summary>
    public CrmFlowFactory NewFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var factory = new CrmFlowFactory(database.Provider, database.ConnectionString, settings);
        _factories.Add(factory);
        return factory;
    }

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        if (Database is null)
        {
            return;
        }

        _factory = new CrmFlowFactory(Database.Provider, Database.ConnectionString);
        _factories.Add(_factory);
        _ = _factory.Server; // boots: migrations, signing key, demo data
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        foreach (var database in _extraDatabases)
        {
            await database.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The class's database, or null when this kind is not available (tests then skip).</summary>
    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    protected abstract Task<TestDatabase> CreateEmptyDatabaseCoreAsync();
}

public sealed class SqliteHost : HostFixture
{
    public override void EnsureAvailable()
    {
    }

    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(new SqliteTestDatabase());

    protected override Task<TestDatabase> CreateEmptyDatabaseCoreAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgreSqlHost : HostFixture
{
    public override void EnsureAvailable() => PostgreSqlServer.EnsureConfigured();

    protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        PostgreSqlServer.BaseConnectionString is null ? null : await PostgreSqlTestDatabase.CreateAsync();

    protected override async Task<TestDatabase> CreateEmptyDatabaseCoreAsync() =>
        await PostgreSqlTestDatabase.CreateAsync(fromTemplate: false);
}

public static class HttpClientExtensions
{
    public static async Task<LoginResponse> LoginAsync(this HttpClient client, string userName, string password = HostFixture.DemoPassword)
    {
        using var response = await client.PostAsJsonAsync(
            "/elsa/api/identity/login", new { username = userName, password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginResponse>(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Signs in and sets the bearer header for later calls.</summary>
    public static async Task<HttpClient> SignedInAsAsync(this HttpClient client, string userName)
    {
        var login = await client.LoginAsync(userName);
        Assert.True(login.IsAuthenticated, $"{userName} could not sign in");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);
        return client;
    }
}
