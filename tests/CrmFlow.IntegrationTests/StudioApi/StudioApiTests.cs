using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CrmFlow.IntegrationTests.Infrastructure;
using static CrmFlow.IntegrationTests.StudioApi.StudioApiClient;

namespace CrmFlow.IntegrationTests.StudioApi;

/// <summary>Replays the requests Elsa Studio 3.8.2 makes (elsa-studio-api.md §4) against the real host.</summary>
public abstract class StudioApiTests(HostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Descriptor_lists_have_elsas_shapes_and_cover_every_activity_once()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");

        var activities = await client.GetJsonAsync("/descriptors/activities?Refresh=True");
        var items = activities["items"]!.AsArray();
        Assert.Equal(items.Count, (int)activities["count"]!);
        var pairs = items.Select(d => ((string)d!["typeName"]!, (int)d["version"]!)).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        foreach (var type in new[] { "Elsa.Flowchart", "Elsa.Start", "Elsa.End", "Elsa.WriteLine", "Elsa.HttpEndpoint", "Elsa.FlowDecision", "Elsa.NotFoundActivity" })
        {
            Assert.Contains(pairs, p => p.Item1 == type);
        }

        var decision = items.Single(d => (string)d!["typeName"]! == "Elsa.FlowDecision")!;
        Assert.Equal("Elsa", (string)decision["namespace"]!);
        Assert.Contains(decision["ports"]!.AsArray(), p => (string)p!["name"]! == "True" && (string)p["type"]! == "Flow");
        Assert.All(decision["inputs"]!.AsArray(), i => Assert.NotNull(i!["uiHint"]));

        var expressions = await client.GetJsonAsync("/descriptors/expression-descriptors");
        Assert.Contains(expressions["items"]!.AsArray(), e => (string)e!["type"]! == "JavaScript" && (string)e["properties"]!["MonacoLanguage"]! == "javascript");
        foreach (var path in new[] { "/descriptors/workflow-activation-strategies", "/descriptors/incident-strategies", "/descriptors/log-persistence-strategies" })
        {
            var list = await client.GetJsonAsync(path);
            Assert.All(list["items"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty((string?)s!["typeName"])));
            Assert.Equal(list["items"]!.AsArray().Count, (int)list["count"]!);
        }

        foreach (var path in new[] { "/descriptors/commit-strategies/workflows", "/descriptors/commit-strategies/activities" })
        {
            Assert.All((await client.GetJsonAsync(path))["items"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty((string?)s!["name"])));
        }

        var drivers = await client.GetJsonAsync("/descriptors/storage-drivers");
        Assert.Null(drivers["count"]);
        Assert.NotEmpty(drivers["items"]!.AsArray());
        var variables = await client.GetJsonAsync("/descriptors/variables");
        Assert.Contains(variables["items"]!.AsArray(), v => (string)v!["typeName"]! == "Int32" && (string)v["category"]! == "Primitives");
        var features = await client.GetJsonAsync("/features/installed");
        Assert.DoesNotContain(features["items"]!.AsArray(), f => (string)f!["fullName"]! == "Elsa.RealTimeWorkflowUpdates");
    }

    [Fact]
    public async Task Inputs_that_name_a_user_or_a_role_offer_the_crms_current_users_and_roles()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");
        var userId = (await new CrmFlow.IntegrationTests.Crm.CrmApi(host).CreateUserAsync("options-" + Guid.NewGuid().ToString("N")[..8], "ComplaintHandler")).ToString();

        var activities = await client.GetJsonAsync("/descriptors/activities");
        var userTask = activities["items"]!.AsArray().Single(d => (string)d!["typeName"]! == "CrmFlow.UserTask")!;
        JsonNode Input(string name) => userTask["inputs"]!.AsArray().Single(i => (string)i!["name"]! == name)!;

        Assert.Equal("dropdown", (string)Input("Assignee")["uiHint"]!);
        var users = Input("Assignee")["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray();
        Assert.Contains(users, u => (string)u!["value"]! == userId);
        var roles = Input("CandidateRoles")["uiSpecifications"]!["checklist"]!["checkList"]!["items"]!.AsArray();
        Assert.Contains(roles, r => (string)r!["value"]! == "ComplaintSupervisor");

        // Elsa's per-input refresh call answers with the same, current list.
        var refreshed = await client.PostJsonAsync("/descriptors/activities/CrmFlow.UserTask/options/CandidateUsers", new JsonObject());
        Assert.Contains(refreshed["items"]!["checklist"]!["checkList"]!["items"]!.AsArray(), u => (string)u!["value"]! == userId);
    }

    [Fact]
    public async Task Create_save_publish_and_the_versioning_rule_as_the_editor_does_them()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");
        var name = NewId("Created");

        // Create from the list: nulls, bare root.
        Assert.True((bool)(await client.GetJsonAsync("/workflow-definitions/validation/is-name-unique?name=" + name))["isUnique"]!);
        var created = (await client.PostJsonAsync("/workflow-definitions", CreateBody(name)))["workflowDefinition"]!.AsObject();
        var definitionId = (string)created["definitionId"]!;
        Assert.Equal(1, (int)created["version"]!);
        Assert.True(HasLink(created, "publish"));
        Assert.False((bool)(await client.GetJsonAsync("/workflow-definitions/validation/is-name-unique?name=" + name))["isUnique"]!);
        Assert.True((bool)(await client.GetJsonAsync($"/workflow-definitions/validation/is-name-unique?name={name}&definitionId={definitionId}"))["isUnique"]!);

        // Editor load and draft save: updated in place.
        var loaded = await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        Assert.True(HasLink(loaded, "publish"));
        var model = Flow(definitionId, name);
        var draft = (await client.PostJsonAsync("/workflow-definitions", SaveBody(model, publish: false)))["workflowDefinition"]!;
        Assert.Equal(1, (int)draft["version"]!);
        Assert.False((bool)draft["isPublished"]!);
        Assert.Equal("Workflow1:root1:write1", (string)draft["root"]!["activities"]![1]!["nodeId"]!);
        Assert.Equal("Inherit", (string)draft["customProperties"]!["logPersistenceMode"]!["default"]!);

        // Save and publish (the editor's publish), then the next save makes version 2 as a draft.
        var published = await client.PostJsonAsync("/workflow-definitions", SaveBody(model, publish: true));
        Assert.True((bool)published["workflowDefinition"]!["isPublished"]!);
        Assert.True(HasLink(published["workflowDefinition"], "publish"));
        var v2 = (await client.PostJsonAsync("/workflow-definitions", SaveBody(model, publish: false)))["workflowDefinition"]!;
        Assert.Equal(2, (int)v2["version"]!);
        Assert.True((bool)v2["isLatest"]!);
        Assert.False((bool)v2["isPublished"]!);
        Assert.Equal(1, (int)(await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published"))["version"]!);
        Assert.Equal(1, (int)(await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=1"))["version"]!);
        Assert.Equal(2, (int)(await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=LatestOrPublished"))["version"]!);
        var byId = await client.GetJsonAsync("/workflow-definitions/by-id/" + (string)v2["id"]!);
        Assert.Equal(definitionId, (string)byId["definitionId"]!);

        // The list calls of the definition list and version history.
        var list = await client.GetJsonAsync($"/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm={name}&IsSystem=False&OrderDirection=Ascending");
        Assert.True(HasLink(list, "bulk-publish"));
        var row = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(2, (int)row["version"]!);
        Assert.True(HasLink(row, "publish"));

        // The search ignores case on every provider (ILIKE on PostgreSQL).
        var shouted = await client.GetJsonAsync($"/workflow-definitions?versionOptions=Latest&SearchTerm={name.ToUpperInvariant()}");
        Assert.Equal(definitionId, (string)Assert.Single(shouted["items"]!.AsArray())!["definitionId"]!);
        var publishedRows = await client.GetJsonAsync($"/workflow-definitions?versionOptions=Published&DefinitionIds={definitionId}&DefinitionIds=missing");
        Assert.Equal(1, (int)Assert.Single(publishedRows["items"]!.AsArray())!["version"]!);
        var history = await client.GetJsonAsync($"/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Descending");
        Assert.Equal([2, 1], history["items"]!.AsArray().Select(i => (int)i!["version"]!));
        Assert.Equal(2, (int)history["totalCount"]!);
        var byIds = await client.GetJsonAsync($"/workflow-definitions?versionOptions=&Ids={(string)v2["id"]!}");
        Assert.Single(byIds["items"]!.AsArray());

        // Publish from the list, twice; retract twice.
        var publish = await client.PostJsonAsync($"/workflow-definitions/{definitionId}/publish", new JsonObject());
        Assert.False((bool)publish["alreadyPublished"]!);
        Assert.Equal(2, (int)publish["workflowDefinition"]!["version"]!);
        Assert.True((bool)(await client.PostJsonAsync($"/workflow-definitions/{definitionId}/publish", new JsonObject()))["alreadyPublished"]!);
        var retracted = await client.PostJsonAsync($"/workflow-definitions/{definitionId}/retract", new JsonObject());
        Assert.False((bool)retracted["isPublished"]!);
        using (var again = await client.SendJsonAsync(HttpMethod.Post, $"/workflow-definitions/{definitionId}/retract", new JsonObject()))
        {
            var problem = await ReadProblemAsync(again, HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem["errors"]!["generalErrors"]!.AsArray());
        }

        // Revert to version 1 makes version 3; deleting version 3 leaves 2 as latest.
        var reverted = await client.PostJsonAsync($"/workflow-definitions/{definitionId}/revert/1", null);
        Assert.Equal(3, (int)reverted["version"]!);
        using (var deleteVersion = await client.SendJsonAsync(HttpMethod.Delete, "/workflow-definition-versions/" + (string)reverted["id"]!, null))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleteVersion.StatusCode);
        }

        Assert.Equal(2, (int)(await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest"))["version"]!);
        var versions = await client.GetJsonAsync($"/workflow-definitions/{definitionId}/versions");
        Assert.Equal(2, (int)versions["count"]!);

        using (var delete = await client.SendJsonAsync(HttpMethod.Delete, "/workflow-definitions/" + definitionId, null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var gone = await client.GetAsync($"{Base}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Readers_get_no_publish_links_and_403_on_every_change()
    {
        using var designer = await host.CreateClient().SignedInAsAsync("designer");
        var definitionId = NewId("readonly");
        await designer.PostJsonAsync("/workflow-definitions", SaveBody(Flow(definitionId, definitionId), publish: true));
        using var reader = await host.CreateClient().SignedInAsAsync("supervisor");

        var definition = await reader.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        Assert.False(HasLink(definition, "publish"));
        var list = await reader.GetJsonAsync("/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10");
        Assert.False(HasLink(list, "bulk-publish"));
        Assert.All(list["items"]!.AsArray(), row => Assert.False(HasLink(row, "publish")));

        var writes = new (HttpMethod Method, string Path, JsonNode? Body)[]
        {
            (HttpMethod.Post, "/workflow-definitions", SaveBody(Flow(definitionId, definitionId), publish: true)),
            (HttpMethod.Post, $"/workflow-definitions/{definitionId}/publish", new JsonObject()),
            (HttpMethod.Post, $"/workflow-definitions/{definitionId}/retract", new JsonObject()),
            (HttpMethod.Delete, $"/workflow-definitions/{definitionId}", null),
            (HttpMethod.Post, "/workflow-definitions/import", Flow(definitionId, definitionId)),
            (HttpMethod.Post, "/bulk-actions/publish/workflow-definitions/by-definition-ids", new JsonObject { ["definitionIds"] = new JsonArray(definitionId) }),
            (HttpMethod.Post, "/bulk-actions/delete/workflow-definitions/by-definition-id", new JsonObject { ["definitionIds"] = new JsonArray(definitionId) }),
            (HttpMethod.Post, "/bulk-actions/delete/workflow-instances/by-id", new JsonObject { ["ids"] = new JsonArray("x") }),
            (HttpMethod.Post, "/tests/activities", new JsonObject()),
        };
        foreach (var (method, path, body) in writes)
        {
            using var response = await reader.SendJsonAsync(method, path, body);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
        }

        using var anonymous = host.CreateClient();
        using var unauthenticated = await anonymous.GetAsync(Base + "/descriptors/activities", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task Invalid_definitions_stay_drafts_publishing_and_running_them_is_refused_and_bad_input_is_a_400()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");
        var definitionId = NewId("invalid");

        var saved = await client.PostJsonAsync("/workflow-definitions", SaveBody(Flow(definitionId, definitionId, extraType: "Acme.Unknown"), publish: false));
        var activities = saved["workflowDefinition"]!["root"]!["activities"]!.AsArray();
        Assert.Contains(activities, a => (string)a!["type"]! == "Elsa.NotFoundActivity" && (string)a["missingTypeName"]! == "Acme.Unknown");

        using (var publish = await client.SendJsonAsync(HttpMethod.Post, "/workflow-definitions", SaveBody(Flow(definitionId, definitionId, extraType: "Acme.Unknown"), publish: true)))
        {
            var problem = await ReadProblemAsync(publish, HttpStatusCode.BadRequest);
            Assert.Contains(problem["errors"]!["generalErrors"]!.AsArray(), e => ((string)e!).Contains("Acme.Unknown", StringComparison.Ordinal));
        }

        using (var publish = await client.SendJsonAsync(HttpMethod.Post, $"/workflow-definitions/{definitionId}/publish", new JsonObject()))
        {
            await ReadProblemAsync(publish, HttpStatusCode.BadRequest);
        }

        using (var run = await client.SendJsonAsync(HttpMethod.Post, $"/workflow-definitions/{definitionId}/execute", new JsonObject { ["versionOptions"] = "Latest" }))
        {
            var problem = await ReadProblemAsync(run, HttpStatusCode.BadRequest);
            Assert.Contains(problem["errors"]!["generalErrors"]!.AsArray(), e => ((string)e!).Contains("Acme.Unknown", StringComparison.Ordinal));
            Assert.False(run.Headers.Contains("x-elsa-workflow-instance-id"));
        }

        var latest = await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        Assert.False((bool)latest["isPublished"]!);
        Assert.Equal(1, (int)latest["version"]!);

        using (var bad = await client.GetAsync($"{Base}/workflow-definitions?versionOptions=Sometimes", Ct))
        {
            var problem = await ReadProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["versionOptions"]);
        }

        using (var bad = await client.PostAsync(Base + "/workflow-definitions", new StringContent("{not json", Encoding.UTF8, "application/json"), Ct))
        {
            await ReadProblemAsync(bad, HttpStatusCode.BadRequest);
        }

        using (var bad = await client.SendJsonAsync(HttpMethod.Post, "/workflow-definitions", new JsonObject { ["publish"] = true }))
        {
            Assert.NotNull((await ReadProblemAsync(bad, HttpStatusCode.BadRequest))["errors"]!["model"]);
        }

        using (var bad = await client.SendJsonAsync(HttpMethod.Post, "/workflow-instances", new JsonObject { ["statuses"] = new JsonArray("Sleeping") }))
        {
            Assert.NotNull((await ReadProblemAsync(bad, HttpStatusCode.BadRequest))["errors"]!["statuses"]);
        }
    }

    [Fact]
    public async Task Export_reimports_unchanged_and_bulk_actions_answer_with_elsas_records()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");
        var definitionId = NewId("roundtrip");
        var published = (await client.PostJsonAsync("/workflow-definitions", SaveBody(Flow(definitionId, definitionId, writes: 3), publish: true)))["workflowDefinition"]!;

        using var export = await client.GetAsync($"{Base}/workflow-definitions/{definitionId}/export?versionOptions=1&includeConsumingWorkflows=False", Ct);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync(Ct))!.AsObject();

        // The Studio's import: delete, post the file back, export again.
        using (var delete = await client.SendJsonAsync(HttpMethod.Delete, "/workflow-definitions/" + definitionId, null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var import = await client.SendJsonAsync(HttpMethod.Post, "/workflow-definitions/import", exported))
        {
            Assert.Equal(HttpStatusCode.Created, import.StatusCode);
            Assert.True(HasLink(await ReadAsync(import, "import"), "publish"));
        }

        await client.PostJsonAsync($"/workflow-definitions/{definitionId}/publish", new JsonObject());
        using var reexport = await client.GetAsync($"{Base}/workflow-definitions/{definitionId}/export?versionOptions=Latest", Ct);
        var reexported = JsonNode.Parse(await reexport.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.True(JsonNode.DeepEquals(exported, reexported), $"{exported.ToJsonString()}\n!=\n{reexported.ToJsonString()}");
        Assert.Equal((string)published["id"]!, (string)reexported["id"]!);

        // Bulk export is a zip of the same files; import-files takes it back.
        using var zipResponse = await client.SendJsonAsync(HttpMethod.Post, "/bulk-actions/export/workflow-definitions", new JsonObject { ["ids"] = new JsonArray((string)published["id"]!), ["includeConsumingWorkflows"] = false });
        var zipBytes = await zipResponse.Content.ReadAsByteArrayAsync(Ct);
        using (var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read))
        {
            var entry = Assert.Single(zip.Entries);
            using var reader = new StreamReader(await entry.OpenAsync(Ct));
            Assert.True(JsonNode.DeepEquals(exported, JsonNode.Parse(await reader.ReadToEndAsync(Ct))));
        }

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zipBytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "files", "definitions.zip");
        using var upload = await client.PostAsync(Base + "/workflow-definitions/import-files", form, Ct);
        Assert.Equal(1, (int)(await ReadAsync(upload, "import-files"))["count"]!);
        Assert.Equal(2, (int)(await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest"))["version"]!);

        // Bulk publish / retract / delete.
        var other = NewId("bulk");
        await client.PostJsonAsync("/workflow-definitions", SaveBody(Flow(other, other), publish: false));
        var bulkPublish = await client.PostJsonAsync("/bulk-actions/publish/workflow-definitions/by-definition-ids", new JsonObject { ["definitionIds"] = new JsonArray(definitionId, other, "missing") });
        Assert.Equal([definitionId, other], bulkPublish["published"]!.AsArray().Select(x => (string)x!));
        Assert.Equal(["missing"], bulkPublish["notFound"]!.AsArray().Select(x => (string)x!));
        var bulkRetract = await client.PostJsonAsync("/bulk-actions/retract/workflow-definitions/by-definition-ids", new JsonObject { ["definitionIds"] = new JsonArray(other) });
        Assert.Equal([other], bulkRetract["retracted"]!.AsArray().Select(x => (string)x!));
        var again = await client.PostJsonAsync("/bulk-actions/retract/workflow-definitions/by-definition-ids", new JsonObject { ["definitionIds"] = new JsonArray(other) });
        Assert.Equal([other], again["alreadyRetracted"]!.AsArray().Select(x => (string)x!));
        var versionIds = (await client.GetJsonAsync($"/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Ascending"))["items"]!.AsArray();
        var deletedVersions = await client.PostJsonAsync("/bulk-actions/delete/workflow-definitions/by-id", new JsonObject { ["ids"] = new JsonArray((string)versionIds[0]!["id"]!) });
        Assert.Equal(1, (int)deletedVersions["deleted"]!);
        var deleted = await client.PostJsonAsync("/bulk-actions/delete/workflow-definitions/by-definition-id", new JsonObject { ["definitionIds"] = new JsonArray(definitionId, other) });
        Assert.Equal(2, (int)deleted["deleted"]!);
    }

    [Fact]
    public async Task A_run_shows_in_the_instance_list_viewer_journal_and_execution_records()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");
        var definitionId = NewId("run");
        var definition = (await client.PostJsonAsync("/workflow-definitions", SaveBody(Flow(definitionId, definitionId, writes: 2), publish: true)))["workflowDefinition"]!;
        var versionId = (string)definition["id"]!;

        using var execute = await client.SendJsonAsync(HttpMethod.Post, $"/workflow-definitions/{definitionId}/execute",
            new JsonObject { ["correlationId"] = null, ["triggerActivityId"] = null, ["versionOptions"] = "Latest", ["input"] = null });
        Assert.True(execute.IsSuccessStatusCode, await execute.Content.ReadAsStringAsync(Ct));
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();

        var search = await client.PostJsonAsync("/workflow-instances", JsonNode.Parse($$"""
            { "page": 0, "pageSize": 10, "searchTerm": "", "definitionId": null, "definitionIds": ["{{definitionId}}"], "correlationId": null,
              "version": null, "hasIncidents": null, "isSystem": false, "status": null, "statuses": [], "subStatus": null,
              "subStatuses": ["Finished"], "orderBy": null, "orderDirection": "Descending",
              "timestampFilters": [ { "column": "CreatedAt", "operator": "GreaterThanOrEqual", "timestamp": "2000-01-01T00:00:00+00:00" } ] }
            """));
        var row = Assert.Single(search["items"]!.AsArray())!;
        Assert.Equal(instanceId, (string)row["id"]!);
        var shouted = await client.PostJsonAsync("/workflow-instances", JsonNode.Parse($$"""{ "page": 0, "pageSize": 10, "searchTerm": "{{definitionId.ToUpperInvariant()}}" }"""));
        Assert.Equal(instanceId, (string)Assert.Single(shouted["items"]!.AsArray())!["id"]!);
        Assert.Equal("Finished", (string)row["status"]!);
        Assert.Equal(versionId, (string)row["definitionVersionId"]!);
        Assert.Equal(1, (int)search["totalCount"]!);

        var instance = await client.GetJsonAsync("/workflow-instances/" + instanceId);
        Assert.Equal("Finished", (string)instance["workflowState"]!["subStatus"]!);
        var state = await client.GetJsonAsync($"/workflow-instances/{instanceId}/execution-state");
        Assert.Equal("Finished", (string)state["workflowSubStatus"]!);

        var nodeIds = new JsonArray("Workflow1:root1:start", "Workflow1:root1:write1", "Workflow1:root1:write2", "Workflow1:root1:end");
        var journal = await client.PostJsonAsync($"/workflow-instances/{instanceId}/journal?skip=0&take=110", new JsonObject
        {
            ["filter"] = new JsonObject { ["activityIds"] = null, ["activityNodeIds"] = nodeIds.DeepClone(), ["excludedActivityTypes"] = new JsonArray("Elsa.Workflow", "Elsa.Flowchart"), ["eventNames"] = null },
        });
        var records = journal["items"]!.AsArray();
        Assert.Equal(records.Count, (int)journal["totalCount"]!);
        Assert.Contains(records, r => (string)r!["nodeId"]! == "Workflow1:root1:write2" && (string)r["eventName"]! == "Completed");
        Assert.DoesNotContain(records, r => (string)r!["activityType"]! == "Elsa.Flowchart");
        var sequences = records.Select(r => (long)r!["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var second = await client.PostJsonAsync($"/workflow-instances/{instanceId}/journal?skip=1&take=2", new JsonObject { ["filter"] = new JsonObject { ["activityNodeIds"] = nodeIds.DeepClone() } });
        Assert.Equal(sequences.Skip(1).Take(2), second["items"]!.AsArray().Select(r => (long)r!["sequence"]!));

        var variables = await client.GetJsonAsync($"/workflow-instances/{instanceId}/variables");
        Assert.Contains(variables["items"]!.AsArray(), v => (string)v!["name"]! == "Counter");

        var report = await client.PostJsonAsync("/activity-executions/report", new JsonObject { ["workflowInstanceId"] = instanceId, ["activityNodeIds"] = nodeIds.DeepClone() });
        var write1 = report["stats"]!.AsArray().Single(s => (string)s!["activityNodeId"]! == "Workflow1:root1:write1")!;
        Assert.Equal(1, (int)write1["startedCount"]!);
        Assert.Equal(1, (int)write1["completedCount"]!);
        Assert.Equal(4, report["stats"]!.AsArray().Count);

        var executions = await client.GetJsonAsync($"/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId=Workflow1:root1:write1");
        var execution = Assert.Single(executions["items"]!.AsArray())!;
        Assert.Equal("Completed", (string)execution["status"]!);
        var summaries = await client.GetJsonAsync($"/activity-execution-summaries/list?WorkflowInstanceId={instanceId}&ActivityNodeId=Workflow1:root1:write1");
        Assert.Equal((string)execution["id"]!, (string)Assert.Single(summaries["items"]!.AsArray())!["id"]!);
        var details = await client.GetJsonAsync("/activity-executions/by-id?id=" + Uri.EscapeDataString((string)execution["id"]!));
        Assert.Equal("Elsa.WriteLine", (string)details["activityType"]!);
        var stack = await client.GetJsonAsync($"/activity-executions/{Uri.EscapeDataString((string)execution["id"]!)}/call-stack?includeCrossWorkflowChain=True&skip=0&take=10");
        Assert.Equal(1, (int)stack["totalCount"]!);

        // Cancel (a finished instance stays finished), bulk cancel by version, delete, bulk delete.
        using (var cancel = await client.SendJsonAsync(HttpMethod.Post, $"/cancel/workflow-instances/{instanceId}", null))
        {
            Assert.True(cancel.IsSuccessStatusCode);
        }

        var bulkCancel = await client.PostJsonAsync("/bulk-actions/cancel/workflow-instances", new JsonObject { ["ids"] = null, ["definitionVersionId"] = versionId, ["definitionId"] = null, ["versionOptions"] = null });
        Assert.Equal(0, (int)bulkCancel["cancelled"]!);
        using (var delete = await client.SendJsonAsync(HttpMethod.Delete, "/workflow-instances/" + instanceId, null))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var rerun = await client.SendJsonAsync(HttpMethod.Post, $"/workflow-definitions/{definitionId}/execute", new JsonObject { ["versionOptions"] = "Latest" });
        var secondId = rerun.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        var bulkDelete = await client.PostJsonAsync("/bulk-actions/delete/workflow-instances/by-id", new JsonObject { ["ids"] = new JsonArray(secondId, "missing") });
        Assert.Equal(1, (int)bulkDelete["deleted"]!);
        using var gone = await client.GetAsync($"{Base}/workflow-instances/{secondId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Activity_test_runs_one_activity_and_monaco_gets_declarations_for_the_variables()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");
        var definitionId = NewId("tools");
        var saved = (await client.PostJsonAsync("/workflow-definitions", SaveBody(Flow(definitionId, definitionId), publish: false)))["workflowDefinition"]!;

        var test = await client.PostJsonAsync("/tests/activities", JsonNode.Parse($$"""
            { "workflowDefinitionHandle": { "definitionId": null, "versionOptions": null, "definitionVersionId": "{{(string)saved["id"]!}}" },
              "activityHandle": { "activityId": null, "activityNodeId": "Workflow1:root1:write1", "activityInstanceId": null, "activityHash": null } }
            """));
        Assert.Equal("Completed", (string)test["status"]!);

        using var response = await client.SendJsonAsync(HttpMethod.Post, $"/scripting/javascript/type-definitions/{definitionId}",
            new JsonObject { ["workflowDefinitionId"] = definitionId, ["activityTypeName"] = "Elsa.FlowDecision", ["propertyName"] = "Condition" });
        var declarations = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("declare function getCounter(): number;", declarations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_workflow_file_opens_in_the_editor_and_a_fifty_activity_flow_loads_fast()
    {
        using var client = await host.CreateClient().SignedInAsAsync("designer");
        var descriptors = (await client.GetJsonAsync("/descriptors/activities?Refresh=True"))["items"]!.AsArray()
            .Select(d => ((string)d!["typeName"]!, (int)d["version"]!)).ToHashSet();

        var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        var files = Directory.GetFiles(folder, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var definitionId = (string)JsonNode.Parse(await File.ReadAllTextAsync(file, Ct))!["definitionId"]!;
            var loaded = await client.GetJsonAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
            Assert.True(HasLink(loaded, "publish"), file);
            foreach (var activity in Activities(loaded["root"]!.AsObject()))
            {
                var pair = ((string)activity["type"]!, (int)activity["version"]!);
                Assert.True(descriptors.Contains(pair), $"{Path.GetFileName(file)}: no descriptor for {pair}");
                Assert.NotEqual("Elsa.NotFoundActivity", pair.Item1);
            }
        }

        // The editor's calls for a 50-activity flow (minimal set (a) plus the panels' lists), timed on the client.
        var big = NewId("fifty");
        await client.PostJsonAsync("/workflow-definitions", SaveBody(Flow(big, big, writes: 48), publish: false));
        string[] calls =
        [
            $"/workflow-definitions/by-definition-id/{big}?versionOptions=Latest", "/descriptors/activities?Refresh=True",
            "/descriptors/expression-descriptors", "/descriptors/workflow-activation-strategies", "/descriptors/incident-strategies",
            "/descriptors/log-persistence-strategies", "/descriptors/commit-strategies/workflows", "/descriptors/commit-strategies/activities",
            "/features/installed", "/descriptors/storage-drivers", "/descriptors/variables",
        ];
        foreach (var call in calls)
        {
            await client.GetJsonAsync(call); // warm-up
        }

        var watch = Stopwatch.StartNew();
        foreach (var call in calls)
        {
            await client.GetJsonAsync(call);
        }

        watch.Stop();
        TestContext.Current.SendDiagnosticMessage($"Editor API calls for a 50-activity flow: {watch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(50, (await client.GetJsonAsync(calls[0]))["root"]!["activities"]!.AsArray().Count);
    }

    private static IEnumerable<JsonObject> Activities(JsonObject activity)
    {
        yield return activity;
        foreach (var child in (activity["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var nested in Activities(child))
            {
                yield return nested;
            }
        }
    }
}

public sealed class StudioApiTests_Sqlite(SqliteHost host) : StudioApiTests(host), IClassFixture<SqliteHost>;

public sealed class StudioApiTests_PostgreSql(PostgreSqlHost host) : StudioApiTests(host), IClassFixture<PostgreSqlHost>;
