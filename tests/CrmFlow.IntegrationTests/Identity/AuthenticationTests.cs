using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Features.Identity.GetCurrentUser;
using CrmFlow.Crm.Features.Identity.Login;
using CrmFlow.Crm.Features.Identity.Tokens;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Identity;

public abstract class AuthenticationTests(HostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_with_the_demo_password_returns_tokens_and_the_token_opens_api_me()
    {
        using var client = host.CreateClient();

        var login = await client.LoginAsync("supervisor");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);
        var me = await client.GetFromJsonAsync<CurrentUserResponse>("/api/me", Ct);

        Assert.True(login.IsAuthenticated);
        Assert.False(string.IsNullOrEmpty(login.RefreshToken));
        Assert.NotNull(me);
        Assert.Equal("supervisor", me.UserName);
        Assert.Equal("user", me.Kind);
        Assert.Contains("客服部", me.Department);
        Assert.False(string.IsNullOrWhiteSpace(me.DisplayName));
        Assert.Equal([CrmRoles.ComplaintSupervisor], me.Roles);
    }

    [Fact]
    public async Task Access_token_is_a_jwt_with_the_claim_names_elsa_studio_reads()
    {
        using var client = host.CreateClient();

        var login = await client.LoginAsync("designer");

        var parts = login.AccessToken!.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        Assert.Equal("designer", claims.RootElement.GetProperty("name").GetString());
        Assert.True(Guid.TryParse(claims.RootElement.GetProperty("sub").GetString(), out _));
        Assert.Equal(CrmRoles.FlowDesigner, claims.RootElement.GetProperty("role").GetString());
        Assert.Equal("access", claims.RootElement.GetProperty("token_use").GetString());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_refused_with_200_and_no_tokens_like_elsa()
    {
        using var client = host.CreateClient();

        using var response = await client.PostAsJsonAsync(
            "/elsa/api/identity/login", new { username = "admin", password = "wrong" }, Ct);
        var body = await response.Content.ReadFromJsonAsync<LoginResponse>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(body);
        Assert.False(body.IsAuthenticated);
        Assert.Null(body.AccessToken);
        Assert.Null(body.RefreshToken);
    }

    [Fact]
    public async Task Login_of_an_unknown_user_is_refused()
    {
        using var client = host.CreateClient();

        var login = await client.LoginAsync("nobody");

        Assert.False(login.IsAuthenticated);
    }

    [Fact]
    public async Task Login_without_a_username_is_a_400_validation_problem()
    {
        using var client = host.CreateClient();

        using var response = await client.PostAsJsonAsync("/elsa/api/identity/login", new { password = "x" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("username", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Refresh_token_as_bearer_header_returns_a_new_pair_and_the_old_one_stops_working()
    {
        using var client = host.CreateClient();
        var login = await client.LoginAsync("sales");

        var refreshed = await RefreshAsync(client, login.RefreshToken!);
        using var replay = await RefreshRequestAsync(client, login.RefreshToken!);

        Assert.NotNull(refreshed);
        Assert.True(refreshed.IsAuthenticated);
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
        var me = await client.GetFromJsonAsync<CurrentUserResponse>("/api/me", Ct);
        Assert.Equal("sales", me!.UserName);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_whole_family()
    {
        using var client = host.CreateClient();
        var login = await client.LoginAsync("marketing");
        var next = await RefreshAsync(client, login.RefreshToken!);

        using var reuse = await RefreshRequestAsync(client, login.RefreshToken!);
        using var afterReuse = await RefreshRequestAsync(client, next!.RefreshToken!);

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Refresh_token_in_the_body_is_accepted_too()
    {
        using var client = host.CreateClient();
        var login = await client.LoginAsync("handler");

        using var response = await client.PostAsJsonAsync(
            "/elsa/api/identity/refresh-token", new { refreshToken = login.RefreshToken }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<LoginResponse>(Ct))!.IsAuthenticated);
    }

    [Fact]
    public async Task Unknown_refresh_token_is_401()
    {
        using var client = host.CreateClient();

        using var response = await RefreshRequestAsync(client, "not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_me_without_credentials_is_401()
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_me_with_a_forged_bearer_token_is_401()
    {
        using var client = host.CreateClient();
        var login = await client.LoginAsync("admin");
        var forged = login.AccessToken![..^4] + (login.AccessToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        using var response = await client.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Admin_only_endpoint_is_403_for_a_sales_rep_and_200_for_the_administrator()
    {
        using var sales = await host.CreateClient().SignedInAsAsync("sales");
        using var admin = await host.CreateClient().SignedInAsAsync("admin");

        using var refused = await sales.GetAsync("/api/users", Ct);
        using var allowed = await admin.GetAsync("/api/users", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var users = await allowed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var names = users.EnumerateArray().Select(u => u.GetProperty("userName").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "admin", "designer", "supervisor", "handler", "sales", "marketing" }, names.ToHashSet());
    }

    [Theory]
    [InlineData(CrmRoles.SalesManager)]
    [InlineData(CrmRoles.FlowDesigner)]
    [InlineData(CrmRoles.IntegrationClient)]
    public async Task Admin_only_endpoint_is_403_for_every_other_role(string role)
    {
        using var client = await host.CreateClientWithRolesAsync(role);

        using var me = await client.GetAsync("/api/me", Ct);
        using var users = await client.GetAsync("/api/users", Ct);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("X-Api-Key")]
    public async Task Api_key_authenticates_the_integration_client(string header)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(
            header, header == "Authorization" ? $"ApiKey {CrmFlowFactory.IntegrationApiKey}" : CrmFlowFactory.IntegrationApiKey);

        var me = await client.GetFromJsonAsync<CurrentUserResponse>("/api/me", Ct);

        Assert.NotNull(me);
        Assert.Equal("api-client", me.Kind);
        Assert.Equal([CrmRoles.IntegrationClient], me.Roles);
    }

    [Fact]
    public async Task Api_key_client_without_the_role_is_403_on_the_admin_endpoint()
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", CrmFlowFactory.IntegrationApiKey);

        using var response = await client.GetAsync("/api/users", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_key_is_401()
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey cfk_unknown-key-000000000000000");

        using var response = await client.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Revoked_api_key_is_401()
    {
        var key = SecretHashing.NewApiKey();
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var client = new ApiClient(
                Guid.CreateVersion7(), $"revoked-{Guid.NewGuid():N}", SecretHashing.KeyPrefix(key), SecretHashing.Sha256Hex(key), DateTimeOffset.UtcNow);
            client.AddRole(CrmRoles.IntegrationClient);
            client.Revoke(DateTimeOffset.UtcNow);
            db.ApiClients.Add(client);
            await db.SaveChangesAsync(Ct);
        }

        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await http.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_issued_by_one_host_is_accepted_by_another_host_on_the_same_database()
    {
        using var first = host.CreateClient();
        var login = await first.LoginAsync("admin");
        await using var other = host.NewFactory();
        using var second = other.CreateClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);

        using var response = await second.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> RefreshRequestAsync(HttpClient client, string refreshToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/elsa/api/identity/refresh-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshToken);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<LoginResponse?> RefreshAsync(HttpClient client, string refreshToken)
    {
        using var response = await RefreshRequestAsync(client, refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<LoginResponse>(Ct);
    }
}

public sealed class AuthenticationTests_Sqlite(SqliteHost host) : AuthenticationTests(host), IClassFixture<SqliteHost>;

public sealed class AuthenticationTests_PostgreSql(PostgreSqlHost host) : AuthenticationTests(host), IClassFixture<PostgreSqlHost>;
