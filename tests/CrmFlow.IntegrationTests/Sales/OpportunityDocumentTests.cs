using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Security;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.IntegrationTests.Sales;

/// <summary>
/// Documents on opportunities over HTTP: multipart upload, list (also in the detail), download with the same bytes, type
/// and name (Chinese names too), refusals that name the <c>file</c> field and store nothing, the data permission (no
/// leak), the delete rule, and documents reachable only through their own opportunity.
/// </summary>
public abstract class OpportunityDocumentTests(HostFixture host) : CrmApiTests(host)
{
    private readonly HostFixture _host = host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uploaded_documents_are_listed_and_download_with_the_same_bytes_type_and_name()
    {
        var deal = await OpportunityAsync();
        var pdf = RandomBytes(70_000);
        var spec = Encoding.UTF8.GetBytes("规格：50 个席位，含移动端。");

        // HttpClient sends a non-ASCII name MIME-encoded; browsers send it as raw UTF-8. Both arrive as written.
        var first = await deal.Owner.PostAsync(DocumentsUrl(deal.Id), Form(pdf, "报价单 2027.pdf", "application/pdf", "proposal", "Tender price"), Ct);
        var second = await deal.Owner.PostAsync(DocumentsUrl(deal.Id), Form(spec, "规格说明书.txt", "text/plain; charset=utf-8", "specification", rawUtf8Names: true), Ct);

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var uploaded = await first.ReadAsync();
        var id = uploaded["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/opportunities/{deal.Id}/documents/{id}/content", first.Headers.Location!.OriginalString);
        Assert.Equal("报价单 2027.pdf", uploaded["fileName"]!.GetValue<string>());
        Assert.Equal(pdf.Length, uploaded["size"]!.GetValue<long>());
        Assert.Equal(Sha256(pdf), uploaded["sha256"]!.GetValue<string>());

        var list = (await GetJsonAsync(deal.Owner, DocumentsUrl(deal.Id))).AsArray();
        Assert.Equal(["规格说明书.txt", "报价单 2027.pdf"], list.Select(d => d!["fileName"]!.GetValue<string>()));
        var listed = list[1]!;
        Assert.Equal("proposal", listed["kind"]!.GetValue<string>());
        Assert.Equal("Tender price", listed["description"]!.GetValue<string>());
        Assert.Equal("application/pdf", listed["contentType"]!.GetValue<string>());
        Assert.Equal(deal.OwnerId, listed["uploadedById"]!.GetValue<Guid>());
        Assert.Equal(deal.OwnerName, listed["uploadedByName"]!.GetValue<string>());
        Assert.True(listed["canDelete"]!.GetValue<bool>());
        var detail = await GetJsonAsync(deal.Owner, $"/api/opportunities/{deal.Id}");
        Assert.Equal(2, detail["documents"]!.AsArray().Count);

        using var download = await deal.Owner.GetAsync(ContentUrl(deal.Id, id), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("报价单 2027.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal($"\"{Sha256(pdf)}\"", download.Headers.ETag!.Tag);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        var specId = list[0]!["id"]!.GetValue<Guid>();
        using var specDownload = await deal.Owner.GetAsync(ContentUrl(deal.Id, specId), Ct);
        Assert.Equal(spec, await specDownload.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("text/plain; charset=utf-8", specDownload.Content.Headers.ContentType!.ToString());
        Assert.Equal("规格说明书.txt", specDownload.Content.Headers.ContentDisposition!.FileNameStar);

        // The ETag is the content's hash: a client holding it revalidates without the bytes.
        using var conditional = new HttpRequestMessage(HttpMethod.Get, ContentUrl(deal.Id, id));
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256(pdf)}\""));
        using var notModified = await deal.Owner.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal($"\"{Sha256(pdf)}\"", notModified.Headers.ETag!.Tag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));

        // Holding another version (the spec's hash) is no match: the bytes come.
        using var stale = new HttpRequestMessage(HttpMethod.Get, ContentUrl(deal.Id, id));
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256(spec)}\""));
        using var fresh = await deal.Owner.SendAsync(stale, Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(pdf, await fresh.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Missing_empty_too_large_and_badly_described_files_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var deal = await OpportunityAsync();
        var withoutFile = new MultipartFormDataContent { { new StringContent("contract"), "kind" } };

        await AssertRefusedAsync(await deal.Owner.PostAsync(DocumentsUrl(deal.Id), withoutFile, Ct), HttpStatusCode.BadRequest, "file", "required");
        await AssertRefusedAsync(await deal.Owner.PostAsync(DocumentsUrl(deal.Id), Form([], "empty.pdf", "application/pdf"), Ct), HttpStatusCode.BadRequest, "file", "empty");
        await AssertRefusedAsync(
            await deal.Owner.PostAsync(DocumentsUrl(deal.Id), Form([1, 2, 3], "a.pdf", "application/pdf", kind: "invoice"), Ct), HttpStatusCode.BadRequest, "kind", "one of");
        await AssertRefusedAsync(
            await deal.Owner.PostAsync(DocumentsUrl(deal.Id), Form([1, 2, 3], "a.pdf", null, description: new string('x', 501)), Ct), HttpStatusCode.BadRequest, "description", "500");
        var json = await deal.Owner.PostAsJsonAsync(DocumentsUrl(deal.Id), new { file = "AAEC" }, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);

        // A host whose limit is 1 KB: one byte more is refused with 413 naming the field; exactly the limit is accepted.
        var small = _host.NewFactory(new Dictionary<string, string?> { ["OpportunityDocuments:MaxSizeBytes"] = "1024" });
        var owner = await small.CreateClient().SignedInAsAsync(deal.OwnerName);
        var tooLarge = await owner.PostAsync(DocumentsUrl(deal.Id), Form(RandomBytes(1025), "big.bin", "application/octet-stream"), Ct);
        await AssertRefusedAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "file", "1 KB");
        Assert.Equal("document.too_large", (await tooLarge.ReadAsync())["code"]!.GetValue<string>());
        Assert.Equal(0, await DocumentCountAsync(deal.Id));

        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync(DocumentsUrl(deal.Id), Form(RandomBytes(1024), "fits.bin", null), Ct)).StatusCode);
        Assert.Equal(1, await DocumentCountAsync(deal.Id));
        Assert.Equal(1, await Api.QueryAsync(db => db.OpportunityDocumentContents.CountAsync(c => db.OpportunityDocuments.Any(d => d.Id == c.DocumentId && d.OpportunityId == deal.Id), Ct)));
    }

    [Fact]
    public async Task File_names_lose_their_path_parts()
    {
        var deal = await OpportunityAsync();

        foreach (var name in new[] { "../../etc/passwd", @"C:\Users\li\Desktop\合同.docx" })
        {
            Assert.Equal(HttpStatusCode.Created, (await deal.Owner.PostAsync(DocumentsUrl(deal.Id), Form([42], name, null, rawUtf8Names: true), Ct)).StatusCode);
        }

        var names = (await GetJsonAsync(deal.Owner, DocumentsUrl(deal.Id))).AsArray().Select(d => d!["fileName"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["passwd", "合同.docx"], names);
    }

    [Fact]
    public async Task Without_read_permission_every_document_route_answers_like_the_opportunity_and_read_only_cannot_change()
    {
        var deal = await OpportunityAsync();
        var id = await UploadAsync(deal.Owner, deal.Id, "contract.pdf");
        var strangerName = $"rep-{Guid.NewGuid():N}"[..16];
        var readerName = $"rep-{Guid.NewGuid():N}"[..16];
        await Api.CreateUserAsync(strangerName, CrmRoles.SalesRep);
        var readerId = await Api.CreateUserAsync(readerName, CrmRoles.SalesRep);
        await GrantAsync(await Api.LoginAsync("admin"), deal.CustomerId, readerId, "Read");
        var stranger = await Api.LoginAsync(strangerName);
        var reader = await Api.LoginAsync(readerName);

        var opportunity = await stranger.GetAsync($"/api/opportunities/{deal.Id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, opportunity.StatusCode);
        var expected = await opportunity.Content.ReadAsStringAsync(Ct);

        // Revalidating with the right hash is a read like any other: no 304 that would confirm the content.
        var etag = (await deal.Owner.GetAsync(ContentUrl(deal.Id, id), Ct)).Headers.ETag!;
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, ContentUrl(deal.Id, id));
        revalidation.Headers.IfNoneMatch.Add(etag);
        foreach (var response in new[]
        {
            await stranger.GetAsync(DocumentsUrl(deal.Id), Ct),
            await stranger.GetAsync(ContentUrl(deal.Id, id), Ct),
            await stranger.SendAsync(revalidation, Ct),
            await stranger.PostAsync(DocumentsUrl(deal.Id), Form([1], "x.txt", "text/plain"), Ct),
            await stranger.DeleteAsync($"{DocumentsUrl(deal.Id)}/{id}", Ct),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(Normalize(expected), Normalize(await response.Content.ReadAsStringAsync(Ct)));
        }

        Assert.Single((await GetJsonAsync(reader, DocumentsUrl(deal.Id))).AsArray());
        Assert.False((await GetJsonAsync(reader, DocumentsUrl(deal.Id)))[0]!["canDelete"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(ContentUrl(deal.Id, id), Ct)).StatusCode);
        var upload = await reader.PostAsync(DocumentsUrl(deal.Id), Form([1], "x.txt", "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal("opportunity.no_write_access", (await upload.ReadAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"{DocumentsUrl(deal.Id)}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Anonymous().GetAsync(ContentUrl(deal.Id, id), Ct)).StatusCode);
        Assert.Equal(1, await DocumentCountAsync(deal.Id));
    }

    [Fact]
    public async Task Only_the_uploader_the_owner_or_an_administrator_deletes_a_document_and_its_bytes_go_with_it()
    {
        var deal = await OpportunityAsync();
        var admin = await Api.LoginAsync("admin");
        var colleagueName = $"rep-{Guid.NewGuid():N}"[..16];
        var colleagueId = await Api.CreateUserAsync(colleagueName, CrmRoles.SalesRep);
        await GrantAsync(admin, deal.CustomerId, colleagueId, "Write");
        var colleague = await Api.LoginAsync(colleagueName);
        var ownersDocument = await UploadAsync(deal.Owner, deal.Id, "owner.pdf");
        var colleaguesFirst = await UploadAsync(colleague, deal.Id, "colleague-1.pdf");
        var colleaguesSecond = await UploadAsync(colleague, deal.Id, "colleague-2.pdf");
        var adminsDocument = await UploadAsync(admin, deal.Id, "admin.pdf");

        // A colleague with write permission may delete what they uploaded, not the owner's or the administrator's.
        var refused = await colleague.DeleteAsync($"{DocumentsUrl(deal.Id)}/{ownersDocument}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("document.not_allowed_to_delete", (await refused.ReadAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.DeleteAsync($"{DocumentsUrl(deal.Id)}/{adminsDocument}", Ct)).StatusCode);
        var seenByColleague = (await GetJsonAsync(colleague, DocumentsUrl(deal.Id))).AsArray().ToDictionary(d => d!["fileName"]!.GetValue<string>(), d => d!["canDelete"]!.GetValue<bool>());
        Assert.False(seenByColleague["owner.pdf"]);
        Assert.True(seenByColleague["colleague-1.pdf"]);

        Assert.Equal(HttpStatusCode.NoContent, (await colleague.DeleteAsync($"{DocumentsUrl(deal.Id)}/{colleaguesFirst}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await deal.Owner.DeleteAsync($"{DocumentsUrl(deal.Id)}/{colleaguesSecond}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{DocumentsUrl(deal.Id)}/{ownersDocument}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{DocumentsUrl(deal.Id)}/{ownersDocument}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await deal.Owner.GetAsync(ContentUrl(deal.Id, ownersDocument), Ct)).StatusCode);

        Assert.Equal(["admin.pdf"], (await GetJsonAsync(deal.Owner, DocumentsUrl(deal.Id))).AsArray().Select(d => d!["fileName"]!.GetValue<string>()));
        var deleted = new[] { ownersDocument, colleaguesFirst, colleaguesSecond };
        Assert.Equal(0, await Api.QueryAsync(db => db.OpportunityDocumentContents.CountAsync(c => deleted.Contains(c.DocumentId), Ct)));
        Assert.Equal(1, await Api.QueryAsync(db => db.OpportunityDocumentContents.CountAsync(c => c.DocumentId == adminsDocument, Ct)));
    }

    [Fact]
    public async Task A_document_is_only_reachable_through_its_own_opportunity()
    {
        var first = await OpportunityAsync();
        var second = await OpportunityAsync();
        var admin = await Api.LoginAsync("admin");
        var id = await UploadAsync(first.Owner, first.Id, "first.pdf");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(ContentUrl(second.Id, id), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{DocumentsUrl(second.Id)}/{id}", Ct)).StatusCode);
        Assert.Empty((await GetJsonAsync(admin, DocumentsUrl(second.Id))).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(ContentUrl(first.Id, Guid.NewGuid()), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(ContentUrl(first.Id, id), Ct)).StatusCode);
        Assert.Equal(1, await DocumentCountAsync(first.Id));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_document_routes_and_the_multipart_upload()
    {
        var document = await Api.Anonymous().GetStringAsync("/openapi/v1.json", Ct);

        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        var documents = paths.GetProperty("/api/opportunities/{id}/documents");
        Assert.True(documents.TryGetProperty("get", out _));
        Assert.True(documents.GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(paths.GetProperty("/api/opportunities/{id}/documents/{documentId}/content").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/opportunities/{id}/documents/{documentId}").TryGetProperty("delete", out _));
    }

    private static string DocumentsUrl(Guid opportunityId) => $"/api/opportunities/{opportunityId}/documents";

    private static string ContentUrl(Guid opportunityId, Guid documentId) => $"/api/opportunities/{opportunityId}/documents/{documentId}/content";

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    /// <summary>ProblemDetails carry the request's trace id; the rest must be the same.</summary>
    private static string Normalize(string problem)
    {
        var node = JsonNode.Parse(problem)!.AsObject();
        node.Remove("traceId");
        node.Remove("instance");
        return node.ToJsonString();
    }

    private static MultipartFormDataContent Form(
        byte[] bytes, string fileName, string? contentType, string? kind = null, string? description = null, bool rawUtf8Names = false)
    {
        var form = new MultipartFormDataContent();
        if (rawUtf8Names)
        {
            form.HeaderEncodingSelector = (_, _) => Encoding.UTF8;
        }

        var file = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            file.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (rawUtf8Names)
        {
            file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName.Replace("\\", "\\\\", StringComparison.Ordinal)}\"");
            form.Add(file);
        }
        else
        {
            form.Add(file, "file", fileName);
        }

        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }

        return form;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field, string reason)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var messages = JsonNode.Parse(body)!["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>());
        Assert.Contains(messages, m => m.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<Guid> UploadAsync(HttpClient client, Guid opportunityId, string fileName)
    {
        var response = await client.PostAsync(DocumentsUrl(opportunityId), Form(Encoding.UTF8.GetBytes(fileName), fileName, "application/pdf", "contract"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadAsync())["id"]!.GetValue<Guid>();
    }

    private Task<int> DocumentCountAsync(Guid opportunityId) =>
        Api.QueryAsync(db => db.OpportunityDocuments.CountAsync(d => d.OpportunityId == opportunityId, Ct));

    /// <summary>An opportunity owned by a new rep (who holds write on its customer through the promotion), with that rep's client.</summary>
    private async Task<Deal> OpportunityAsync()
    {
        var admin = await Api.LoginAsync("admin");
        var ownerName = $"rep-{Guid.NewGuid():N}"[..16];
        var ownerId = await Api.CreateUserAsync(ownerName, CrmRoles.SalesRep);
        var code = NewCode("D");
        var prospect = await admin.PostAsJsonAsync("/api/prospects", new { code, name = "Prospect " + code, industry = "Tea", region = "East", ownerId }, Ct);
        Assert.Equal(HttpStatusCode.Created, prospect.StatusCode);
        var customerId = (await prospect.ReadAsync())["id"]!.GetValue<Guid>();
        var intent = await admin.PostAsJsonAsync("/api/intents", new { customerId, product = "ERP", source = "Fair" }, Ct);
        var intentId = (await intent.ReadAsync())["id"]!.GetValue<Guid>();
        var mode = (await GetJsonAsync(admin, "/api/sales-modes")).AsArray().Single(m => m!["code"]!.GetValue<string>() == "STD")!;
        var promoted = await admin.PostAsJsonAsync($"/api/intents/{intentId}/promotion", new
        {
            salesModeId = mode["id"]!.GetValue<Guid>(), expectedAmount = 1m, expectedCloseDate = "2027-01-31",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, promoted.StatusCode);
        var opportunityId = (await promoted.ReadAsync())["opportunityId"]!.GetValue<Guid>();
        return new Deal(opportunityId, customerId, ownerId, ownerName, await Api.LoginAsync(ownerName));
    }

    private sealed record Deal(Guid Id, Guid CustomerId, Guid OwnerId, string OwnerName, HttpClient Owner);
}

public sealed class OpportunityDocumentTests_Sqlite(SqliteHost host) : OpportunityDocumentTests(host), IClassFixture<SqliteHost>;

public sealed class OpportunityDocumentTests_PostgreSql(PostgreSqlHost host) : OpportunityDocumentTests(host), IClassFixture<PostgreSqlHost>;
