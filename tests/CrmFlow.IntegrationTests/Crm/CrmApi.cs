using System.Text.Json.Nodes;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Crm;

/// <summary>
/// CRM helpers over the host fixture (one started host and database per test class, demo data seeded).
/// Tests create their own customers with unique codes, so they can share the host within a class.
/// </summary>
public sealed class CrmApi(HostFixture host)
{
    public HttpClient Anonymous() => host.CreateClient();

    public async Task<HttpClient> LoginAsync(string userName) => await host.CreateClient().SignedInAsAsync(userName);

    public HttpClient Integration(string key = CrmFlowFactory.IntegrationApiKey)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Adds an active user with <paramref name="roles"/> and the demo password (once); returns its id.</summary>
    public async Task<Guid> CreateUserAsync(string userName, params string[] roles)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var existing = await db.Users.Where(u => u.UserName == userName).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
        if (existing is { } id)
        {
            return id;
        }

        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var user = new User(Guid.CreateVersion7(), userName, userName, null, DateTimeOffset.UtcNow);
        user.SetPasswordHash(hasher.HashPassword(user, HostFixture.DemoPassword));
        foreach (var role in roles)
        {
            user.AddRole(role);
        }

        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public Task<Guid> UserIdAsync(string userName) =>
        QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>Runs <paramref name="query"/> on a fresh context (assertions on stored state).</summary>
    internal async Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}

/// <summary>JSON helpers for the tests.</summary>
public static class JsonResponses
{
    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");
    }
}
