using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Crm;

/// <summary>Helpers shared by the CRM HTTP tests.</summary>
public abstract class CrmApiTests(HostFixture host)
{
    protected CrmApi Api { get; } = new(host);

    protected static string NewCode(string prefix = "T") => $"{prefix}{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    protected static async Task<Guid> CreateCustomerAsync(HttpClient client, string code, string name, string path = "/api/customers")
    {
        var response = await client.PostAsJsonAsync(path, new { code, name, industry = "Testing", region = "Nowhere" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync())["id"]!.GetValue<Guid>();
    }

    protected static async Task<Guid> CreateContactAsync(HttpClient client, Guid customerId, string name)
    {
        var response = await client.PostAsJsonAsync(
            $"/api/customers/{customerId}/contacts", new { name, title = "Buyer", phone = "+86 10 1234", email = "a@b.example" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync())["id"]!.GetValue<Guid>();
    }

    protected static async Task GrantAsync(HttpClient admin, Guid customerId, Guid userId, string access)
    {
        var response = await admin.PutAsJsonAsync($"/api/customers/{customerId}/permissions/{userId}", new { access });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    protected static async Task<JsonNode> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync();
    }
}
