using System.Net;
using System.Net.Http.Json;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Crm;

public abstract class AuthorizationTests(HostFixture host) : CrmApiTests(host)
{
    private static readonly Guid AnyId = Guid.Parse("0190a000-0000-7000-8000-000000000001");

    /// <summary>Every CRM endpoint group: method, route, and a signed-in user whose roles the policy refuses.</summary>
    public static TheoryData<string, string, string> Endpoints { get; } = new()
    {
        { "GET", "/api/customers", "designer" },
        { "POST", "/api/customers", "designer" },
        { "GET", $"/api/customers/{AnyId}", "designer" },
        { "PUT", $"/api/customers/{AnyId}", "designer" },
        { "DELETE", $"/api/customers/{AnyId}", "designer" },
        { "GET", "/api/customers/export", "designer" },
        { "GET", "/api/prospects", "designer" },
        { "POST", "/api/prospects", "designer" },
        { "GET", $"/api/customers/{AnyId}/overview", "designer" },
        { "POST", "/api/customers/allocations", "sales" },
        { "GET", "/api/reports/new-and-lost-customers?from=2026-01-01&to=2026-01-31", "sales" },
        { "GET", "/api/contacts", "designer" },
        { "GET", $"/api/customers/{AnyId}/contacts", "designer" },
        { "POST", $"/api/customers/{AnyId}/contacts", "designer" },
        { "GET", $"/api/contacts/{AnyId}", "designer" },
        { "PUT", $"/api/contacts/{AnyId}", "designer" },
        { "DELETE", $"/api/contacts/{AnyId}", "designer" },
        { "GET", $"/api/customers/{AnyId}/permissions", "sales" },
        { "PUT", $"/api/customers/{AnyId}/permissions/{AnyId}", "supervisor" },
        { "DELETE", $"/api/customers/{AnyId}/permissions/{AnyId}", "sales" },
        { "POST", $"/api/customers/{AnyId}/access-checks", "designer" },
        { "POST", "/api/ledger/entries", "sales" },
        { "GET", "/api/users", "sales" },
        { "GET", "/api/departments", "sales" },
        { "GET", "/api/api-clients", "sales" },
        { "POST", "/api/api-clients", "sales" },
        { "DELETE", $"/api/api-clients/{AnyId}", "sales" },
        { "POST", "/api/complaint-reasons", "supervisor" },
        { "POST", "/api/complaints", "sales" },
        { "GET", "/api/complaints", "sales" },
        { "GET", $"/api/complaints/{AnyId}", "designer" },
        { "POST", "/workflows/complaints", "supervisor" },
        { "GET", "/api/value-pyramid/models", "marketing" },
        { "POST", "/api/value-pyramid/models", "sales" },
        { "GET", $"/api/value-pyramid/models/{AnyId}", "sales" },
        { "PUT", $"/api/value-pyramid/models/{AnyId}", "sales" },
        { "DELETE", $"/api/value-pyramid/models/{AnyId}", "sales" },
        { "GET", $"/api/value-pyramid/models/{AnyId}/run", "sales" },
        { "GET", $"/api/value-pyramid/models/{AnyId}/snapshots", "marketing" },
        { "POST", "/api/value-pyramid/snapshots", "sales" },
        { "GET", $"/api/value-pyramid/customers/{AnyId}/tiers", "handler" },
        { "GET", "/api/questionnaire-templates", "sales" },
        { "POST", "/api/questionnaire-templates", "sales" },
        { "GET", $"/api/questionnaire-templates/{AnyId}", "sales" },
        { "PUT", $"/api/questionnaire-templates/{AnyId}", "sales" },
        { "PUT", $"/api/questionnaire-templates/{AnyId}/enabled", "sales" },
        { "GET", "/api/survey-campaigns", "sales" },
        { "POST", "/api/survey-campaigns", "sales" },
        { "GET", $"/api/survey-campaigns/{AnyId}", "sales" },
        { "POST", $"/api/survey-campaigns/{AnyId}/launch", "sales" },
        { "POST", $"/api/survey-campaigns/{AnyId}/open", "sales" },
        { "POST", $"/api/survey-campaigns/{AnyId}/close", "sales" },
        { "POST", $"/api/survey-campaigns/{AnyId}/responses", "supervisor" },
        { "GET", $"/api/survey-campaigns/{AnyId}/results", "designer" },
        { "GET", "/api/competitors", "sales" },
        { "POST", "/api/competitors", "sales" },
        { "GET", "/api/competitors/analysis", "sales" },
        { "GET", $"/api/competitors/{AnyId}", "sales" },
        { "PUT", $"/api/competitors/{AnyId}", "sales" },
        { "POST", $"/api/competitors/{AnyId}/opportunities", "sales" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_answers_401_without_credentials(string method, string route, string forbiddenUser)
    {
        _ = forbiddenUser;
        var response = await Api.Anonymous().SendAsync(Request(method, route));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_answers_403_without_the_role(string method, string route, string forbiddenUser)
    {
        var client = await Api.LoginAsync(forbiddenUser);

        var response = await client.SendAsync(Request(method, route));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_integration_client_may_post_ledger_rows_but_not_read_customers()
    {
        var client = Api.Integration();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/ledger/entries", new { rows = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task A_revoked_api_key_is_refused_at_once()
    {
        var admin = await Api.LoginAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/api-clients", new { name = $"erp-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadAsync();
        var key = body["apiKey"]!.GetValue<string>();
        var listed = await GetJsonAsync(admin, "/api/api-clients");
        Assert.DoesNotContain(key, listed.ToJsonString(), StringComparison.Ordinal);

        var client = Api.Integration(key);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/ledger/entries", new { rows = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/api-clients/{body["id"]}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/ledger/entries", new { rows = Array.Empty<object>() })).StatusCode);
    }

    private static HttpRequestMessage Request(string method, string route)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }

        return request;
    }
}

public sealed class AuthorizationTests_Sqlite(SqliteHost host) : AuthorizationTests(host), IClassFixture<SqliteHost>;

public sealed class AuthorizationTests_PostgreSql(PostgreSqlHost host) : AuthorizationTests(host), IClassFixture<PostgreSqlHost>;
