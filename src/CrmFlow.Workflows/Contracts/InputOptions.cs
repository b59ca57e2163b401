using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.Workflows.Contracts;

/// <summary>One choice of a dropdown input: what the designer sees and what the flow stores.</summary>
public sealed record InputOption(string Text, string Value);

/// <summary>
/// Supplies the choices of an input whose values live in the application's data (users, roles, master data), so the
/// Studio's dropdown lists today's records instead of a list fixed at compile time. Named on the input with
/// <c>[Input(OptionsProvider = typeof(...))]</c>; resolved from the request's service scope each time descriptors are
/// served. A provider must be cheap (one indexed query) and must not reveal data a designer may not see.
/// </summary>
public interface IInputOptionsProvider
{
    ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The application's users as choices (value: the user id). The engine names it on its own activities (e.g. a user
/// task's assignee); the host application registers the implementation. Without one the dropdown stays empty and the
/// designer enters an expression instead.
/// </summary>
public interface IUserOptionsProvider : IInputOptionsProvider;

/// <summary>The application's roles as choices (value: the role name); registered by the host application.</summary>
public interface IRoleOptionsProvider : IInputOptionsProvider;

/// <summary>Fills in the <c>uiSpecifications</c> of inputs backed by an <see cref="IInputOptionsProvider"/>.</summary>
public static class InputOptionsResolver
{
    /// <summary>The Studio's dropdown specification for <paramref name="options"/>.</summary>
    public static JsonObject DropDown(IEnumerable<InputOption> options, string uiHint = "dropdown")
    {
        var items = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["text"] = o.Text, ["value"] = o.Value })]);
        var key = uiHint == "checklist" ? "checkList" : "selectList";
        return new JsonObject { [uiHint] = new JsonObject { [key] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false } } };
    }

    /// <summary>The current specification of one input: its provider's options, else its static ones.</summary>
    public static async ValueTask<JsonObject?> ResolveAsync(InputDescriptor input, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (input.OptionsProvider is not { } providerType)
        {
            return input.UISpecifications;
        }

        var provider = providerType.IsInterface
            ? services.GetService(providerType) as IInputOptionsProvider
            : (IInputOptionsProvider)ActivatorUtilities.GetServiceOrCreateInstance(services, providerType);
        if (provider is null)
        {
            return input.UISpecifications;
        }

        return DropDown(await provider.GetOptionsAsync(cancellationToken).ConfigureAwait(false), input.UIHint);
    }

    /// <summary>
    /// The descriptors as served to the Studio: unchanged objects for activities without provider-backed inputs, and
    /// JSON copies with fresh options for the others (each provider is asked once per call).
    /// </summary>
    public static async Task<IReadOnlyList<object>> ResolveAllAsync(
        IReadOnlyList<ActivityDescriptor> descriptors, IServiceProvider services, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var resolved = new Dictionary<(Type, string), JsonObject>();
        var result = new List<object>(descriptors.Count);
        foreach (var descriptor in descriptors)
        {
            if (!descriptor.Inputs.Any(i => i.OptionsProvider is not null))
            {
                result.Add(descriptor);
                continue;
            }

            var node = JsonSerializer.SerializeToNode(descriptor, json)!.AsObject();
            var inputs = node["inputs"]!.AsArray();
            for (var i = 0; i < descriptor.Inputs.Count; i++)
            {
                var input = descriptor.Inputs[i];
                if (input.OptionsProvider is not { } providerType)
                {
                    continue;
                }

                if (!resolved.TryGetValue((providerType, input.UIHint), out var spec))
                {
                    spec = (await ResolveAsync(input, services, cancellationToken).ConfigureAwait(false))!;
                    resolved[(providerType, input.UIHint)] = spec;
                }

                inputs[i]!["uiSpecifications"] = spec.DeepClone();
            }

            result.Add(node);
        }

        return result;
    }
}
