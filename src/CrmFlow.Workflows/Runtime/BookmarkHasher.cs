using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// Stable bookmark hashes: SHA-256 (lower-case hex) of <c>activityType + ":" + canonical JSON</c> of the stimulus,
/// where canonical JSON sorts object keys ordinally and writes no whitespace. The same stimulus always gives the
/// same hash in every process, so a trigger or resume can look bookmarks up by hash.
/// </summary>
public static class BookmarkHasher
{
    public static string Hash(string activityType, JsonNode? stimulus)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        var text = activityType + ":" + Canonicalize(stimulus);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string Hash(string activityType, object? stimulus) =>
        Hash(activityType, stimulus is JsonNode n ? n : JsonSerializer.SerializeToNode(stimulus, WorkflowStateSerializer.Options));

    public static string Canonicalize(JsonNode? node)
    {
        var buffer = new StringBuilder();
        Write(node, buffer);
        return buffer.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, sb);
                }

                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(a[i], sb);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
