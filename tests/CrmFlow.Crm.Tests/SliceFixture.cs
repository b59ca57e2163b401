using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CrmFlow.Crm.Tests;

/// <summary>
/// Runs slices through the real <c>AddCrm()</c> container and the generated mediator, on a fresh SQLite file
/// built by the migrations. The caller is <see cref="User"/> (set with <see cref="RunAs"/>); time is <see cref="Time"/>.
/// </summary>
public sealed class SliceFixture : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"crmflow-slice-{Guid.NewGuid():N}.db");
    private ServiceProvider? services;

    public TestCurrentUser User { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));

    private ServiceProvider Services => services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:CrmFlow"] = $"Data Source={path}",
        });
        builder.AddCrm();
        builder.Services.Replace(ServiceDescriptor.Singleton<ICurrentUser>(User));
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    /// <summary>Makes <paramref name="userId"/> with <paramref name="roles"/> the caller of later requests.</summary>
    public void RunAs(Guid userId, params string[] roles)
    {
        User.Id = userId;
        User.IsUser = true;
        User.Roles = roles;
    }

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, TestContext.Current.CancellationToken);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, TestContext.Current.CancellationToken);
    }

    internal async Task InsertAsync(params object[] entities)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        db.AddRange(entities);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Adds an active user holding <paramref name="roles"/>; returns its id.</summary>
    internal async Task<Guid> AddUserAsync(string userName, params string[] roles)
    {
        var user = new User(Guid.CreateVersion7(), $"{userName}-{Guid.NewGuid():N}"[..30], userName, null, Time.GetUtcNow());
        user.SetPasswordHash("not-used-in-slice-tests");
        foreach (var role in roles)
        {
            user.AddRole(role);
        }

        await InsertAsync(user);
        return user.Id;
    }

    internal async Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}

/// <summary>A settable caller for slice tests.</summary>
public sealed class TestCurrentUser : ICurrentUser
{
    public Guid? Id { get; set; }

    public bool IsUser { get; set; }

    public IReadOnlyCollection<string> Roles { get; set; } = [];
}
