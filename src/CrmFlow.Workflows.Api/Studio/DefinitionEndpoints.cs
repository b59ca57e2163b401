using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>Elsa's workflow-definition management endpoints, over <see cref="IWorkflowDefinitionManager"/>.</summary>
internal static class DefinitionEndpoints
{
    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(RouteGroupBuilder api)
    {
        var designer = WorkflowsApiModule.DesignerPolicy;
        var definitions = api.MapGroup("/workflow-definitions");
        definitions.MapGet("/", ListAsync);
        definitions.MapGet("/by-definition-id/{definitionId}", GetByDefinitionIdAsync);
        definitions.MapGet("/{definitionId}", GetByDefinitionIdAsync);
        definitions.MapGet("/by-id/{id}", GetByIdAsync);
        definitions.MapGet("/{definitionId}/versions", VersionsAsync);
        definitions.MapGet("/validation/is-name-unique", IsNameUniqueAsync);
        definitions.MapGet("/{definitionId}/export", ExportAsync);
        definitions.MapPost("/", SaveAsync).RequireAuthorization(designer);
        definitions.MapPost("/{definitionId}/publish", PublishAsync).RequireAuthorization(designer);
        definitions.MapPost("/{definitionId}/retract", RetractAsync).RequireAuthorization(designer);
        definitions.MapDelete("/{definitionId}", DeleteAsync).RequireAuthorization(designer);
        definitions.MapPost("/{definitionId}/revert/{version:int}", RevertAsync).RequireAuthorization(designer);
        definitions.MapPost("/import", ImportAsync).RequireAuthorization(designer);
        definitions.MapPost("/import-files", ImportFilesAsync).RequireAuthorization(designer).DisableAntiforgery();
        api.MapDelete("/workflow-definition-versions/{id}", DeleteVersionAsync).RequireAuthorization(designer);

        var bulk = api.MapGroup("/bulk-actions").RequireAuthorization(designer);
        bulk.MapPost("/publish/workflow-definitions/by-definition-ids", BulkPublishAsync);
        bulk.MapPost("/retract/workflow-definitions/by-definition-ids", BulkRetractAsync);
        bulk.MapPost("/delete/workflow-definitions/by-definition-id", BulkDeleteAsync);
        bulk.MapPost("/delete/workflow-definitions/by-id", BulkDeleteVersionsAsync);
        bulk.MapPost("/export/workflow-definitions", BulkExportAsync);
    }

    internal static async Task<IResult> ListAsync(HttpRequest request, IWorkflowDefinitionStore store, IAuthorizationService authorization, CancellationToken ct)
    {
        var query = request.Query;
        VersionOptions? versionOptions = null;
        if (!string.IsNullOrWhiteSpace(query["versionOptions"]))
        {
            if (!TryParseVersion(query["versionOptions"], out var parsed))
            {
                return StudioJson.BadField("versionOptions", $"'{query["versionOptions"]}' is not a version option (Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a number).");
            }

            versionOptions = parsed;
        }

        var orderByText = query["OrderBy"].ToString();
        WorkflowDefinitionOrderBy orderBy;
        switch (orderByText.ToUpperInvariant())
        {
            case "" or "NAME": orderBy = WorkflowDefinitionOrderBy.Name; break;
            case "CREATED" or "CREATEDAT": orderBy = WorkflowDefinitionOrderBy.CreatedAt; break;
            case "VERSION": orderBy = WorkflowDefinitionOrderBy.Version; break;
            default: return StudioJson.BadField("OrderBy", $"'{orderByText}' is not Created, Name or Version.");
        }

        var directionText = query["OrderDirection"].ToString();
        bool descending;
        switch (directionText.ToUpperInvariant())
        {
            case "": descending = orderBy != WorkflowDefinitionOrderBy.Name; break;
            case "ASCENDING": descending = false; break;
            case "DESCENDING": descending = true; break;
            default: return StudioJson.BadField("OrderDirection", $"'{directionText}' is not Ascending or Descending.");
        }

        PageArgs? page = null;
        if (!string.IsNullOrEmpty(query["Page"]) || !string.IsNullOrEmpty(query["PageSize"]))
        {
            if (!int.TryParse(query["Page"].ToString() is { Length: > 0 } p ? p : "0", out var pageIndex) || pageIndex < 0)
            {
                return StudioJson.BadField("Page", "Page must be a non-negative integer.");
            }

            if (!int.TryParse(query["PageSize"].ToString() is { Length: > 0 } s ? s : "100", out var pageSize) || pageSize is < 1 or > 1000)
            {
                return StudioJson.BadField("PageSize", "PageSize must be between 1 and 1000.");
            }

            page = new PageArgs(pageIndex, pageSize);
        }

        var canEdit = await StudioDefinitions.CanEditAsync(authorization, request.HttpContext.User);
        if (bool.TryParse(query["IsSystem"], out var isSystem) && isSystem)
        {
            // CrmFlow has no system workflows.
            return StudioJson.Ok(new JsonObject { ["items"] = new JsonArray(), ["totalCount"] = 0, ["links"] = StudioDefinitions.ListLinks(canEdit) });
        }

        var filter = new WorkflowDefinitionFilter
        {
            VersionOptions = versionOptions,
            DefinitionIds = query["DefinitionIds"].Count > 0 ? [.. query["DefinitionIds"].OfType<string>()] : null,
            Ids = query["Ids"].Count > 0 ? [.. query["Ids"].OfType<string>()] : null,
            SearchTerm = string.IsNullOrWhiteSpace(query["SearchTerm"]) ? null : query["SearchTerm"].ToString().Trim(),
            OrderBy = orderBy,
            Descending = descending,
        };
        var result = await store.ListAsync(filter, page, ct);
        return StudioJson.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. result.Items.Select(s => (JsonNode)StudioDefinitions.Summary(s, canEdit))]),
            ["totalCount"] = result.TotalCount,
            ["links"] = StudioDefinitions.ListLinks(canEdit),
        });
    }

    private static async Task<IResult> GetByDefinitionIdAsync(string definitionId, string? versionOptions, HttpContext context, IWorkflowDefinitionStore store, ActivityRegistry registry, IAuthorizationService authorization, CancellationToken ct)
    {
        if (!TryParseVersion(versionOptions, out var options))
        {
            return StudioJson.BadField("versionOptions", $"'{versionOptions}' is not a version option.");
        }

        var definition = await store.FindAsync(definitionId, options, ct);
        return definition is null
            ? StudioJson.NotFound($"Workflow definition '{definitionId}' ({versionOptions}) does not exist.")
            : StudioJson.Ok(await FullAsync(definition, context.User, store, registry, authorization, ct));
    }

    private static async Task<IResult> GetByIdAsync(string id, HttpContext context, IWorkflowDefinitionStore store, ActivityRegistry registry, IAuthorizationService authorization, CancellationToken ct)
    {
        var definition = await FindByVersionIdAsync(store, id, ct);
        return definition is null
            ? StudioJson.NotFound($"Workflow definition version '{id}' does not exist.")
            : StudioJson.Ok(await FullAsync(definition, context.User, store, registry, authorization, ct));
    }

    private static async Task<IResult> VersionsAsync(string definitionId, HttpContext context, IWorkflowDefinitionStore store, IAuthorizationService authorization, CancellationToken ct)
    {
        var canEdit = await StudioDefinitions.CanEditAsync(authorization, context.User);
        var versions = await store.ListAsync(new WorkflowDefinitionFilter { DefinitionId = definitionId, VersionOptions = VersionOptions.All, OrderBy = WorkflowDefinitionOrderBy.Version, Descending = true }, null, ct);
        return versions.Items.Count == 0
            ? StudioJson.NotFound($"Workflow definition '{definitionId}' does not exist.")
            : StudioJson.Ok(new JsonObject { ["items"] = new JsonArray([.. versions.Items.Select(s => (JsonNode)StudioDefinitions.Summary(s, canEdit))]), ["count"] = versions.Items.Count });
    }

    private static async Task<IResult> IsNameUniqueAsync(string? name, string? definitionId, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return StudioJson.BadField("name", "The name to check is required.");
        }

        var same = await store.ListAsync(new WorkflowDefinitionFilter { Name = name.Trim() }, null, ct);
        var isUnique = !same.Items.Any(s => s.DefinitionId != definitionId && string.Equals(s.Name?.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        return StudioJson.Ok(new { isUnique });
    }

    /// <summary>Save draft, save and publish, create (Elsa's <c>POST /workflow-definitions</c>).</summary>
    private static async Task<IResult> SaveAsync(HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, ActivityRegistry registry, IAuthorizationService authorization, CancellationToken ct)
    {
        var body = await StudioJson.ReadObjectAsync(context.Request, ct);
        if (body is null)
        {
            return StudioJson.BadField("body", "The body must be a JSON object { model, publish }.");
        }

        if (body["model"] is not JsonObject model)
        {
            return StudioJson.BadField("model", "The workflow definition model is required.");
        }

        if (!TryReadModel(model, out var definition, out var error))
        {
            return StudioJson.Errors([error]);
        }

        var saved = await manager.SaveDraftAsync(definition, ct);
        var alreadyPublished = false;
        if (body.Bool("publish") == true)
        {
            var published = await manager.PublishAsync(saved.DefinitionId!, ct);
            if (!published.Succeeded)
            {
                return StudioJson.Errors(published.Errors.Select(Describe), "The workflow definition cannot be published.");
            }

            saved = published.Definition;
        }

        return StudioJson.Ok(new JsonObject
        {
            ["workflowDefinition"] = await FullAsync(saved, context.User, store, registry, authorization, ct),
            ["alreadyPublished"] = alreadyPublished,
            ["consumingWorkflowCount"] = 0,
            ["validationErrors"] = new JsonArray(),
        });
    }

    private static async Task<IResult> PublishAsync(string definitionId, HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, ActivityRegistry registry, IAuthorizationService authorization, CancellationToken ct)
    {
        var latest = await store.FindAsync(definitionId, VersionOptions.Latest, ct);
        if (latest is null)
        {
            return StudioJson.NotFound($"Workflow definition '{definitionId}' does not exist.");
        }

        var alreadyPublished = latest.IsPublished;
        if (!alreadyPublished)
        {
            var result = await manager.PublishAsync(definitionId, ct);
            if (!result.Succeeded)
            {
                return StudioJson.Errors(result.Errors.Select(Describe), "The workflow definition cannot be published.");
            }

            latest = result.Definition;
        }

        return StudioJson.Ok(new JsonObject
        {
            ["workflowDefinition"] = await FullAsync(latest, context.User, store, registry, authorization, ct),
            ["alreadyPublished"] = alreadyPublished,
            ["consumingWorkflowCount"] = 0,
            ["validationErrors"] = new JsonArray(),
        });
    }

    private static async Task<IResult> RetractAsync(string definitionId, HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, ActivityRegistry registry, IAuthorizationService authorization, CancellationToken ct)
    {
        if (!await store.ExistsAsync(definitionId, ct))
        {
            return StudioJson.NotFound($"Workflow definition '{definitionId}' does not exist.");
        }

        var retracted = await manager.RetractAsync(definitionId, ct);
        return retracted is null
            ? StudioJson.Errors([$"Workflow definition '{definitionId}' has no published version to retract."])
            : StudioJson.Ok(await FullAsync(retracted, context.User, store, registry, authorization, ct));
    }

    private static async Task<IResult> DeleteAsync(string definitionId, IWorkflowDefinitionManager manager, CancellationToken ct) =>
        await manager.DeleteAsync(definitionId, deleteInstances: true, ct)
            ? Results.NoContent()
            : StudioJson.NotFound($"Workflow definition '{definitionId}' does not exist.");

    private static async Task<IResult> DeleteVersionAsync(string id, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var summary = (await store.ListAsync(new WorkflowDefinitionFilter { Id = id }, null, ct)).Items is { Count: > 0 } found ? found[0] : null;
        return summary is not null && await manager.DeleteVersionAsync(summary.DefinitionId, summary.Version, ct)
            ? Results.NoContent()
            : StudioJson.NotFound($"Workflow definition version '{id}' does not exist.");
    }

    private static async Task<IResult> RevertAsync(string definitionId, int version, HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, IAuthorizationService authorization, CancellationToken ct)
    {
        try
        {
            var reverted = await manager.RevertAsync(definitionId, version, ct);
            var summary = (await store.ListAsync(new WorkflowDefinitionFilter { Id = reverted.Id }, null, ct)).Items[0];
            return StudioJson.Ok(StudioDefinitions.Summary(summary, await StudioDefinitions.CanEditAsync(authorization, context.User)));
        }
        catch (WorkflowDefinitionNotFoundException e)
        {
            return StudioJson.NotFound(e.Message);
        }
    }

    private static async Task<IResult> ExportAsync(string definitionId, string? versionOptions, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        if (!TryParseVersion(string.IsNullOrWhiteSpace(versionOptions) ? "Latest" : versionOptions, out var options))
        {
            return StudioJson.BadField("versionOptions", $"'{versionOptions}' is not a version option.");
        }

        var definition = await store.FindAsync(definitionId, options, ct);
        if (definition is null)
        {
            return StudioJson.NotFound($"Workflow definition '{definitionId}' ({versionOptions}) does not exist.");
        }

        var bytes = Encoding.UTF8.GetBytes(StudioDefinitions.Export(definition).ToJsonString(FileJson));
        return Results.File(bytes, "application/json", FileName(definition));
    }

    private static async Task<IResult> BulkExportAsync(HttpContext context, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var body = await StudioJson.ReadObjectAsync(context.Request, ct);
        var ids = body.Strings("ids");
        if (ids.Count == 0)
        {
            return StudioJson.BadField("ids", "At least one version id is required.");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var id in ids)
            {
                if (await FindByVersionIdAsync(store, id, ct) is not { } definition)
                {
                    continue;
                }

                var name = FileName(definition);
                if (!names.Add(name))
                {
                    name = $"{Path.GetFileNameWithoutExtension(name)}-{definition.Id}.json";
                    names.Add(name);
                }

                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                var stream = await entry.OpenAsync(ct);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(StudioDefinitions.Export(definition).ToJsonString(FileJson)), ct);
                }
            }
        }

        return Results.File(buffer.ToArray(), "application/zip", "workflow-definitions.zip");
    }

    /// <summary>Elsa's import: a bare model, treated as a draft save; 201 when the definition is new.</summary>
    private static async Task<IResult> ImportAsync(HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, ActivityRegistry registry, IAuthorizationService authorization, CancellationToken ct)
    {
        var model = await StudioJson.ReadObjectAsync(context.Request, ct);
        if (model is null)
        {
            return StudioJson.BadField("body", "The body must be a workflow definition JSON object.");
        }

        if (!TryReadModel(model, out var definition, out var error))
        {
            return StudioJson.Errors([error]);
        }

        var isNew = definition.DefinitionId is not { } id || !await store.ExistsAsync(id, ct);
        var saved = await manager.SaveDraftAsync(definition, ct);
        var json = await FullAsync(saved, context.User, store, registry, authorization, ct);
        return StudioJson.Json(json, isNew ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>Multipart upload (parts named <c>files</c>): JSON files and zip archives of JSON files.</summary>
    private static async Task<IResult> ImportFilesAsync(HttpRequest request, IWorkflowDefinitionManager manager, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return StudioJson.BadField("files", "Upload the files as multipart/form-data parts named 'files'.");
        }

        var form = await request.ReadFormAsync(ct);
        var documents = new List<(string Name, string Json)>();
        foreach (var file in form.Files)
        {
            var stream = file.OpenReadStream();
            await using (stream.ConfigureAwait(false))
            {
                if (file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                    foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                    {
                        using var reader = new StreamReader(await entry.OpenAsync(ct), Encoding.UTF8);
                        documents.Add((entry.FullName, await reader.ReadToEndAsync(ct)));
                    }
                }
                else
                {
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    documents.Add((file.FileName, await reader.ReadToEndAsync(ct)));
                }
            }
        }

        // Parse everything first: one bad file refuses the upload before anything is saved.
        var definitions = new List<WorkflowDefinition>();
        foreach (var (name, text) in documents)
        {
            JsonObject? model;
            try
            {
                model = JsonNode.Parse(text.TrimStart('\uFEFF')) as JsonObject;
            }
            catch (JsonException e)
            {
                return StudioJson.BadField("files", $"{name}: not JSON ({e.Message}).");
            }

            if (model is null || !TryReadModel(model, out var definition, out var error))
            {
                return StudioJson.BadField("files", $"{name}: not a workflow definition.");
            }

            definitions.Add(definition);
        }

        foreach (var definition in definitions)
        {
            await manager.SaveDraftAsync(definition, ct);
        }

        return StudioJson.Ok(new { count = definitions.Count });
    }

    private static async Task<IResult> BulkPublishAsync(HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var ids = (await StudioJson.ReadObjectAsync(context.Request, ct)).Strings("definitionIds");
        var published = new JsonArray();
        var alreadyPublished = new JsonArray();
        var notFound = new JsonArray();
        var failed = new JsonArray();
        foreach (var id in ids)
        {
            var latest = await store.FindAsync(id, VersionOptions.Latest, ct);
            if (latest is null)
            {
                notFound.Add(id);
            }
            else if (latest.IsPublished)
            {
                alreadyPublished.Add(id);
            }
            else if ((await manager.PublishAsync(id, ct)).Succeeded)
            {
                published.Add(id);
            }
            else
            {
                failed.Add(id);
            }
        }

        return StudioJson.Ok(new JsonObject
        {
            ["published"] = published,
            ["alreadyPublished"] = alreadyPublished,
            ["notFound"] = notFound,
            ["updatedConsumers"] = new JsonArray(),
            ["failed"] = failed,
        });
    }

    private static async Task<IResult> BulkRetractAsync(HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var ids = (await StudioJson.ReadObjectAsync(context.Request, ct)).Strings("definitionIds");
        var retracted = new JsonArray();
        var alreadyRetracted = new JsonArray();
        var notFound = new JsonArray();
        foreach (var id in ids)
        {
            if (!await store.ExistsAsync(id, ct))
            {
                notFound.Add(id);
            }
            else if (await manager.RetractAsync(id, ct) is null)
            {
                alreadyRetracted.Add(id);
            }
            else
            {
                retracted.Add(id);
            }
        }

        return StudioJson.Ok(new JsonObject { ["retracted"] = retracted, ["alreadyRetracted"] = alreadyRetracted, ["notFound"] = notFound });
    }

    private static async Task<IResult> BulkDeleteAsync(HttpContext context, IWorkflowDefinitionManager manager, CancellationToken ct)
    {
        var ids = (await StudioJson.ReadObjectAsync(context.Request, ct)).Strings("definitionIds");
        var deleted = 0;
        foreach (var id in ids)
        {
            if (await manager.DeleteAsync(id, deleteInstances: true, ct))
            {
                deleted++;
            }
        }

        return StudioJson.Ok(new { deleted });
    }

    private static async Task<IResult> BulkDeleteVersionsAsync(HttpContext context, IWorkflowDefinitionManager manager, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var ids = (await StudioJson.ReadObjectAsync(context.Request, ct)).Strings("ids");
        var deleted = 0;
        foreach (var id in ids)
        {
            var summary = (await store.ListAsync(new WorkflowDefinitionFilter { Id = id }, null, ct)).Items is { Count: > 0 } found ? found[0] : null;
            if (summary is not null && await manager.DeleteVersionAsync(summary.DefinitionId, summary.Version, ct))
            {
                deleted++;
            }
        }

        return StudioJson.Ok(new { deleted });
    }

    internal static async Task<WorkflowDefinition?> FindByVersionIdAsync(IWorkflowDefinitionStore store, string id, CancellationToken ct)
    {
        var summary = (await store.ListAsync(new WorkflowDefinitionFilter { Id = id }, null, ct)).Items is { Count: > 0 } found ? found[0] : null;
        return summary is null ? null : await store.FindAsync(summary.DefinitionId, VersionOptions.SpecificVersion(summary.Version), ct);
    }

    internal static bool TryParseVersion(string? text, out VersionOptions options)
    {
        try
        {
            options = VersionOptions.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            options = default;
            return false;
        }
    }

    private static async Task<JsonObject> FullAsync(WorkflowDefinition definition, ClaimsPrincipal user, IWorkflowDefinitionStore store, ActivityRegistry registry, IAuthorizationService authorization, CancellationToken ct)
    {
        DateTimeOffset? createdAt = null;
        if (definition.CreatedAt is null && definition.Id is { } id)
        {
            createdAt = (await store.ListAsync(new WorkflowDefinitionFilter { Id = id }, null, ct)).Items is { Count: > 0 } found ? found[0].CreatedAt : null;
        }

        return StudioDefinitions.Full(definition, registry, await StudioDefinitions.CanEditAsync(authorization, user), createdAt);
    }

    /// <summary>The model the Studio posts, reduced to what a save keeps (Elsa ignores the client's id, version and flags).</summary>
    private static bool TryReadModel(JsonObject model, out WorkflowDefinition definition, out string error)
    {
        definition = null!;
        error = string.Empty;
        var json = (JsonObject)model.DeepClone();
        foreach (var ignored in new[] { "links", "version", "isLatest", "isPublished", "createdAt", "isSystem", "isReadonly" })
        {
            json.Remove(ignored);
        }

        if (string.IsNullOrWhiteSpace(json.Str("definitionId")))
        {
            json.Remove("definitionId");
            if (string.IsNullOrWhiteSpace(json.Str("id")))
            {
                json.Remove("id");
            }
        }

        if (json.Str("name") is { } name)
        {
            json["name"] = name.Trim();
        }

        foreach (var list in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            if (json[list] is null)
            {
                json[list] = new JsonArray();
            }
            else if (json[list] is not JsonArray)
            {
                error = $"'{list}' must be an array.";
                return false;
            }
        }

        json["customProperties"] ??= new JsonObject();
        switch (json["root"])
        {
            case null:
                json["root"] = new JsonObject
                {
                    ["type"] = "Elsa.Flowchart",
                    ["version"] = 1,
                    ["id"] = Guid.NewGuid().ToString("N")[..16],
                    ["activities"] = new JsonArray(),
                    ["connections"] = new JsonArray(),
                };
                break;
            case JsonObject root when root.Str("type") is { Length: > 0 } rootType:
                if (rootType == "Elsa.Flowchart")
                {
                    root["activities"] ??= new JsonArray();
                    root["connections"] ??= new JsonArray();
                }

                break;
            default:
                error = "'root' must be an activity with a type.";
                return false;
        }

        try
        {
            definition = WorkflowDefinitionSerializer.FromJsonObject(json);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            error = "The workflow definition cannot be read: " + e.Message;
            return false;
        }
    }

    private static string Describe(Activities.ValidationMessage m) =>
        m.ActivityId is null ? m.Message : $"{m.Message} (activity '{m.ActivityId}')";

    private static string FileName(WorkflowDefinition definition)
    {
        var name = definition.Name ?? definition.DefinitionId ?? "workflow";
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return (safe.Length == 0 ? "workflow" : safe) + ".json";
    }
}
