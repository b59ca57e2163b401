using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>How Elsa serialises its API responses: camelCase, enums as names, nulls omitted.</summary>
internal static class StudioJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult Json(object value, int statusCode) => Results.Json(value, Options, statusCode: statusCode);

    /// <summary>Elsa's 400 shape on save/publish/retract: the Studio collects every string under <c>errors</c>.</summary>
    public static IResult Errors(IEnumerable<string> messages, string title = "The request was refused.")
    {
        var list = messages.ToList();
        return Results.Json(
            new JsonObject
            {
                ["title"] = title,
                ["status"] = 400,
                ["detail"] = string.Join(" ", list),
                ["errors"] = new JsonObject { ["generalErrors"] = new JsonArray([.. list.Select(m => (JsonNode?)JsonValue.Create(m))]) },
            },
            Options,
            contentType: "application/problem+json",
            statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>A 400 ProblemDetails naming the field at fault.</summary>
    public static IResult BadField(string field, string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, detail: reason);

    public static IResult NotFound(string what) => Results.Problem(detail: what, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>Reads the body as a JSON object; null when missing or not an object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Str(this JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(this JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static int? Int(this JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<int>(out var i) ? i : null;

    public static List<string> Strings(this JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var v) && v is JsonArray a
            ? [.. a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : null).OfType<string>()]
            : [];
}
