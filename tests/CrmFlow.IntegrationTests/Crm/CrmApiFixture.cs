using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmFlow.IntegrationTests.Crm;

/// <summary>
/// The whole host over HTTP on a fresh database of one provider, with the demo users, customers and integration
/// client seeded. Tests create their own customers (unique codes), so they share the host within a class.
/// </summary>
public abstract class CrmApiFixture : IAsyncLifetime
{
    public const string Password = "Test!Passw0rd-crm";
    public const string IntegrationKey = "cfk_integration-test-key-0123456789";

    private WebApplicationFactory<Program>? factory;

    public WebApplicationFactory<Program> Factory => factory ?? throw new InvalidOperationException("The fixture is not running.");

    /// <summary>Why this provider cannot run here (tests then skip), or null.</summary>
    public string? Unavailable { get; private set; }

    protected abstract DatabaseProvider Provider { get; }

    public virtual async ValueTask InitializeAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        if (connectionString is null)
        {
            return;
        }

        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", Provider.ToString());
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("ConnectionStrings:CrmFlow", connectionString);
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Demo:Password", Password);
            b.UseSetting("Demo:IntegrationApiKey", IntegrationKey);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        _ = factory.Server; // start: migrate and seed
        await Task.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test when the provider is unavailable (fails instead when it is required).</summary>
    public void EnsureAvailable()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CRMFLOW_REQUIRE_POSTGRES") == "1")
        {
            Assert.Fail(Unavailable);
        }

        Assert.Skip(Unavailable);
    }

    public HttpClient Anonymous()
    {
        EnsureAvailable();
        return Factory.CreateClient();
    }

    public async Task<HttpClient> LoginAsync(string userName)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = userName, password = Password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var token = body!["accessToken"]?.GetValue<string>() ?? throw new InvalidOperationException($"{userName} could not sign in.");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Integration(string key = IntegrationKey)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Adds an active user with <paramref name="roles"/> and the test password; returns its id.</summary>
    public async Task<Guid> CreateUserAsync(string userName, params string[] roles)
    {
        EnsureAvailable();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var existing = await db.Users.Where(u => u.UserName == userName).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
        if (existing is { } id)
        {
            return id;
        }

        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var user = new User(Guid.CreateVersion7(), userName, userName, null, DateTimeOffset.UtcNow);
        user.SetPasswordHash(hasher.HashPassword(user, Password));
        foreach (var role in roles)
        {
            user.AddRole(role);
        }

        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<Guid> UserIdAsync(string userName)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context (assertions on stored state).</summary>
    internal async Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    protected abstract ValueTask<string?> CreateDatabaseAsync();

    protected void MarkUnavailable(string reason) => Unavailable = reason;
}

public sealed class SqliteCrmApiFixture : CrmApiFixture
{
    private string? path;

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
    }

    protected override ValueTask<string?> CreateDatabaseAsync()
    {
        path = Path.Combine(Path.GetTempPath(), $"crmflow-it-{Guid.NewGuid():N}.db");
        return ValueTask.FromResult<string?>($"Data Source={path}");
    }
}

public sealed class PostgreSqlCrmApiFixture : CrmApiFixture
{
    private string? server;
    private string? database;

    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (server is not null && database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    protected override async ValueTask<string?> CreateDatabaseAsync()
    {
        server = Environment.GetEnvironmentVariable("CRMFLOW_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            MarkUnavailable("CRMFLOW_TEST_POSTGRES is not set: no PostgreSQL server to test against.");
            return null;
        }

        database = $"crmflow_it_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }
}

/// <summary>JSON helpers for the tests.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");
}
