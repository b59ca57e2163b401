using System.Net;
using System.Text.Json;
using CrmFlow.IntegrationTests.Infrastructure;
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
