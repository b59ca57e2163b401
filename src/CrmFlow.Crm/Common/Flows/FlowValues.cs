using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CrmFlow.Crm.Common.Results;
using FluentValidation;

namespace CrmFlow.Crm.Common.Flows;

/// <summary>
/// Conversions between what a flow carries (parsed JSON bodies, script objects) and request records, and the problem
/// bodies flows answer with, so every CRM activity reads and refuses the same way.
/// </summary>
internal static class FlowValues
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads <paramref name="value"/> (a JSON node, dictionary or script object) as <typeparamref name="T"/>; null when absent.</summary>
    public static T? To<T>(object? value) where T : class
    {
        if (value is null)
        {
            return null;
        }

        if (value is T typed)
        {
            return typed;
        }

        try
        {
            var json = value is string s ? s : JsonSerializer.Serialize(value, Json);
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="value"/> as a JSON node with camelCase names: what flows get from HTTP bodies too, so scripts read
    /// outputs the same way (<c>getOutputFrom("Step1", "Result").opportunityId</c>) and the journal stores plain JSON.
    /// </summary>
    public static JsonNode? Node(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, Json);

    /// <summary>A ProblemDetails-shaped body for a refusal (422 in flows, as at the API edge).</summary>
    public static JsonNode? Problem(Refusal refusal, int status = 422)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = "https://tools.ietf.org/html/rfc4918#section-11.2",
            ["title"] = "Unprocessable Entity",
            ["status"] = status,
            ["detail"] = refusal.Detail,
            ["code"] = refusal.Code,
        };
        if (refusal.Errors is not null)
        {
            body["errors"] = refusal.Errors;
        }

        return Node(body);
    }

    /// <summary>A ValidationProblemDetails-shaped body (400) naming each field and reason.</summary>
    public static JsonNode? Invalid(ValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Node(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            ["title"] = "One or more validation errors occurred.",
            ["status"] = 400,
            ["code"] = "validation",
            ["errors"] = exception.Errors.GroupBy(e => e.PropertyName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal),
        });
    }

    /// <summary>A 400 body for a missing or unreadable request.</summary>
    public static JsonNode? Invalid(string field, string message) => Node(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        ["title"] = "One or more validation errors occurred.",
        ["status"] = 400,
        ["code"] = "validation",
        ["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] },
    });
}
