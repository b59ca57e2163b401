using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmFlow.Crm.Data;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.IntegrationTests.Workflows;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Identity;

/// <summary>
/// Several stateless hosts on one database share the sign-in: a web session cookie, its antiforgery token and a
/// bearer token issued by one host are accepted by another (data-protection keys and the token key live in the database).
/// </summary>
public sealed partial class MultiHostSessionTests_PostgreSql(PostgreSqlWorkflowDatabase db) : IClassFixture<PostgreSqlWorkflowDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_started_on_one_host_works_on_another()
    {
        var a = db.StartHost();
        var b = db.StartHost();
        using var onA = Client(a);
        using var onB = Client(b);

        // The sign-in form comes from host A, is posted to host B (antiforgery validated there), and B's cookie works on A.
        using var form = await onA.GetAsync("/signin?returnUrl=%2Fcustomers", Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgeryCookie = Cookies(form);
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        Assert.NotEmpty(token);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = "admin",
                ["password"] = "CrmFlow!2026",
                ["returnUrl"] = "/customers",
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var refreshTokensBefore = await RefreshTokenCountAsync(b);
        using var signedIn = await onB.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/customers", signedIn.Headers.Location?.OriginalString);
        var session = Cookies(signedIn);
        Assert.Contains("CrmFlow.Auth", session, StringComparison.Ordinal);
        Assert.Equal(refreshTokensBefore, await RefreshTokenCountAsync(b)); // a cookie session stores no API refresh token

        using var page = new HttpRequestMessage(HttpMethod.Get, "/customers");
        page.Headers.Add("Cookie", session);
        using var customers = await onA.SendAsync(page, Ct);
        Assert.Equal(HttpStatusCode.OK, customers.StatusCode);

        // The Studio token handed out from the cookie session by A opens the API on B.
        using var studioTokenRequest = new HttpRequestMessage(HttpMethod.Get, "/api/auth/studio-token");
        studioTokenRequest.Headers.Add("Cookie", session);
        using var studioToken = await onA.SendAsync(studioTokenRequest, Ct);
        Assert.Equal(HttpStatusCode.OK, studioToken.StatusCode);
        var accessToken = (string)(await studioToken.Content.ReadFromJsonAsync<JsonObject>(Ct))!["accessToken"]!;
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var me = await onB.SendAsync(api, Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin", (string?)(await me.Content.ReadFromJsonAsync<JsonObject>(Ct))!["userName"]);
    }

    [Fact]
    public async Task A_bearer_token_expires_by_the_hosts_clock_on_every_host()
    {
        var a = db.StartHost();
        var b = db.StartHost();
        using var onA = Client(a);
        var login = await onA.LoginAsync("supervisor");
        using var onB = Client(b);
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/me", Ct)).StatusCode);
        db.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/me", Ct)).StatusCode);
    }

    private static Task<int> RefreshTokenCountAsync(WebApplicationFactory<Program> host) =>
        WorkflowDatabase.WithScopeAsync(host, sp => sp.GetRequiredService<CrmDbContext>().RefreshTokens.CountAsync(Ct));

    private static HttpClient Client(WebApplicationFactory<Program> host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>The response's cookies as a request <c>Cookie</c> header value.</summary>
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
