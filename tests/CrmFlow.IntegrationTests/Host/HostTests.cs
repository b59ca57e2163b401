using System.Net;
using System.Security.Claims;
using System.Text.Json;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Notifications.ListNotifications;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.Server.WebUi;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Host;

public abstract class HostTests(HostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_200_and_lists_both_database_checks_as_healthy()
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["CrmDbContext"]);
        Assert.Equal("Healthy", checks["WorkflowsDbContext"]);
    }

    [Fact]
    public async Task OpenApi_document_is_served_anonymously_and_lists_the_identity_endpoints()
    {
        using var client = host.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", Ct);

        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/elsa/api/identity/login", out _));
        Assert.True(paths.TryGetProperty("/api/me", out _));
        var schemes = json.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Mediator_sender_resolves_in_a_request_scope()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    [Fact]
    public async Task Web_ui_use_cases_run_at_once_each_in_a_scope_of_its_own_as_the_circuits_user()
    {
        // One circuit (browser tab): its notification bell, its page and the page's tabs load at the same time.
        await using var circuit = host.Factory.Services.CreateAsyncScope();
        var sender = circuit.ServiceProvider.GetRequiredService<UiSender>();
        var admin = (await sender.ListUsersAsync(Ct)).Single(u => u.UserName == "admin");
        var principal = circuit.ServiceProvider.GetRequiredService<CircuitPrincipal>();
        principal.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CrmClaimTypes.Subject, admin.Id.ToString())], "circuit"));

        // On the circuit's own database context EF would refuse the second query while the first runs.
        var counts = Enumerable.Range(0, 8).Select(_ => sender.Send(new ListNotificationsQuery(UnreadOnly: true, PageSize: 1), Ct).AsTask()).ToArray();
        var users = Enumerable.Range(0, 8).Select(_ => sender.ListUsersAsync(Ct).AsTask()).ToArray();
        await Task.WhenAll(Task.WhenAll(counts), Task.WhenAll(users));

        Assert.All(counts, c => Assert.True(c.Result.IsOk, c.Result.Refusal?.Detail));
        Assert.All(users, u => Assert.Contains(u.Result, s => s.Id == admin.Id));

        // Each scope carries the circuit's user: without one the same query is refused.
        principal.User = null;
        Assert.False((await sender.Send(new ListNotificationsQuery(), Ct)).IsOk);
    }

    [Fact]
    public async Task Scalar_ui_loads_its_script_from_the_host_not_a_cdn()
    {
        using var client = host.CreateClient();

        var page = await client.GetStringAsync("/scalar/", Ct);
        using var script = await client.GetAsync("/scalar/scalar.js", Ct);

        Assert.Contains("<script src=\"scalar.js\"></script>", page);
        Assert.DoesNotContain("cdn.", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_route_answers_with_problem_details()
    {
        using var client = host.CreateClient();
        var login = await client.LoginAsync("admin");
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.AccessToken);

        using var response = await client.GetAsync("/api/does-not-exist", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class HostTests_Sqlite(SqliteHost host) : HostTests(host), IClassFixture<SqliteHost>;

public sealed class HostTests_PostgreSql(PostgreSqlHost host) : HostTests(host), IClassFixture<PostgreSqlHost>;
