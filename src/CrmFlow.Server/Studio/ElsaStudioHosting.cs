using System.Net;
using System.Reflection;
using CrmFlow.Server.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CrmFlow.Server.Studio;

/// <summary>
/// Serves the real Elsa Studio 3.8.2 bundle (installed by the build into <c>wwwroot/studio</c>) under
/// <c>/studio</c>, and CrmFlow's four host pages for its custom elements:
/// <c>/studio</c> (definition list), <c>/studio/definitions/{definitionId}</c> (editor),
/// <c>/studio/instances</c> (instance list) and <c>/studio/instances/{instanceId}</c> (viewer).
/// </summary>
public static class ElsaStudioHosting
{
    private const string PagePrefix = "/studio";
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();
    private static readonly Lazy<string> PageTemplate = new(() => ReadAsset("studio.html"));

    public static IEndpointRouteBuilder MapElsaStudio(this IEndpointRouteBuilder endpoints)
    {
        var environment = endpoints.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        var root = Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), "studio");

        var studio = endpoints.MapGroup(PagePrefix).ExcludeFromDescription().AllowAnonymous();
        studio.MapGet("/", (Func<HttpContext, Task<IResult>>)(context => PageAsync(context, root, "definitions", null, "Workflow definitions")));
        studio.MapGet("/definitions/{definitionId}", (HttpContext context, string definitionId) =>
            PageAsync(context, root, "editor", definitionId, "Workflow editor"));
        studio.MapGet("/instances", (Func<HttpContext, Task<IResult>>)(context => PageAsync(context, root, "instances", null, "Workflow instances")));
        studio.MapGet("/instances/{instanceId}", (HttpContext context, string instanceId) =>
            PageAsync(context, root, "instance", instanceId, "Workflow instance"));

        // Client-side routes of the Studio itself (after "Run workflow", or a reload): back to our pages.
        studio.MapGet("/workflows/instances/{instanceId}/view", (string instanceId) =>
            Results.Redirect($"{PagePrefix}/instances/{Uri.EscapeDataString(instanceId)}"));
        studio.MapGet("/workflows/definitions/{definitionId}/edit", (string definitionId) =>
            Results.Redirect($"{PagePrefix}/definitions/{Uri.EscapeDataString(definitionId)}"));

        studio.MapGet("/{**path}", (string path, HttpContext context) => Asset(root, path, context));

        var host = endpoints.MapGroup("/studio-host").ExcludeFromDescription().AllowAnonymous();
        host.MapGet("/studio-host.js", () => Results.Text(ReadAsset("studio-host.js"), "text/javascript; charset=utf-8"));
        host.MapGet("/studio-host.css", () => Results.Text(ReadAsset("studio-host.css"), "text/css; charset=utf-8"));
        return endpoints;
    }

    private static async Task<IResult> PageAsync(HttpContext context, string root, string view, string? id, string title)
    {
        // A signed-in web UI user (cookie session) lets the page fetch its token instead of asking for a password.
        var signedIn = (await context.AuthenticateAsync(AuthenticationSetup.CookieScheme)).Succeeded;

        if (!File.Exists(Path.Combine(root, "_framework", "blazor.webassembly.js")))
        {
            return Results.Problem(
                statusCode: (int)HttpStatusCode.ServiceUnavailable,
                title: "Elsa Studio is not installed",
                detail: "The Studio assets are missing from wwwroot/studio. Build the server with Node.js/npm available (the build runs npm ci).");
        }

        var html = PageTemplate.Value
            .Replace("{{VIEW}}", view, StringComparison.Ordinal)
            .Replace("{{ID}}", WebUtility.HtmlEncode(id ?? string.Empty), StringComparison.Ordinal)
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{SIGNED_IN}}", signedIn ? "true" : "false", StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Asset(string root, string path, HttpContext context)
    {
        if (!Directory.Exists(root))
        {
            return Results.NotFound();
        }

        using var files = new PhysicalFileProvider(root);
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            // An extension-less path is a Studio client route (SPA fallback); a missing file is a 404.
            return Path.HasExtension(path) ? Results.NotFound() : Results.Redirect(PagePrefix);
        }

        if (!ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        var physical = file.PhysicalPath;
        var accept = context.Request.Headers.AcceptEncoding.ToString();
        string? encoding = null;
        if (accept.Contains("br", StringComparison.OrdinalIgnoreCase) && File.Exists(physical + ".br"))
        {
            (physical, encoding) = (physical + ".br", "br");
        }
        else if (accept.Contains("gzip", StringComparison.OrdinalIgnoreCase) && File.Exists(physical + ".gz"))
        {
            (physical, encoding) = (physical + ".gz", "gzip");
        }

        var headers = context.Response.Headers;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = "no-cache";
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        var info = new FileInfo(physical);
        var tag = new EntityTagHeaderValue($"\"{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}-{encoding}\"");
        return Results.File(physical, contentType, lastModified: info.LastWriteTimeUtc, entityTag: tag);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".js"] = "text/javascript";
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".json"] = "application/json";
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".blat"] = "application/octet-stream";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        return provider;
    }

    private static string ReadAsset(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames()
            .Single(n => n.EndsWith(".Studio.Assets." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
