using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>Descriptor lists the Studio loads before drawing and editing (activities, syntaxes, strategies, features).</summary>
internal static class DescriptorEndpoints
{
    private static readonly object[] ActivationStrategies =
    [
        Strategy("Elsa.Workflows.Runtime.ActivationValidators.AllowAlwaysStrategy, Elsa.Workflows.Runtime", "Always", "Always allow the creation of a new workflow instance."),
        Strategy("Elsa.Workflows.Runtime.ActivationValidators.CorrelatedSingletonStrategy, Elsa.Workflows.Runtime", "Correlated singleton", "Only allow a new instance if no running instance with the same correlation ID exists."),
        Strategy("Elsa.Workflows.Runtime.ActivationValidators.CorrelationStrategy, Elsa.Workflows.Runtime", "Correlation", "Only allow a new instance if no instance with the same correlation ID exists."),
        Strategy("Elsa.Workflows.Runtime.ActivationValidators.SingletonStrategy, Elsa.Workflows.Runtime", "Singleton", "Only allow a new instance if no running instance of this definition exists."),
    ];

    private static readonly object[] IncidentStrategies =
    [
        Strategy("Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core", "Continue with incidents", "Keep running other branches; record an incident for the faulted activity."),
        Strategy("Elsa.Workflows.IncidentStrategies.FaultStrategy, Elsa.Workflows.Core", "Fault", "Fault the workflow when an activity faults."),
    ];

    private static readonly object[] LogPersistenceStrategies =
    [
        Strategy("Elsa.Workflows.LogPersistence.Strategies.Configuration, Elsa.Workflows.Core", "Configuration", "Use the configured default."),
        Strategy("Elsa.Workflows.LogPersistence.Strategies.Exclude, Elsa.Workflows.Core", "Exclude", "Do not persist."),
        Strategy("Elsa.Workflows.LogPersistence.Strategies.Include, Elsa.Workflows.Core", "Include", "Persist."),
        Strategy("Elsa.Workflows.LogPersistence.Strategies.Inherit, Elsa.Workflows.Core", "Inherit", "Inherit from the parent."),
    ];

    private static readonly object[] WorkflowCommitStrategies =
    [
        new { name = "WorkflowExecuted", displayName = "Workflow executed", description = "Commit when the workflow has executed (default)." },
        new { name = "ActivityExecuted", displayName = "Activity executed", description = "Commit after every activity." },
    ];

    private static readonly object[] ActivityCommitStrategies =
    [
        new { name = "Executing", displayName = "Executing", description = "Commit before the activity executes." },
        new { name = "Executed", displayName = "Executed", description = "Commit after the activity executes." },
    ];

    private static readonly object[] StorageDrivers =
    [
        new { typeName = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core", displayName = "Workflow Instance", priority = 5, deprecated = false },
        new { typeName = "Elsa.Workflows.MemoryStorageDriver, Elsa.Workflows.Core", displayName = "Memory", priority = 0, deprecated = false },
    ];

    private static readonly object[] VariableTypes =
    [
        Variable("Object", "Primitives", "An object."),
        Variable("String", "Primitives", "A string of characters."),
        Variable("Boolean", "Primitives", "A true or false value."),
        Variable("Int32", "Primitives", "A 32 bit integer."),
        Variable("Int64", "Primitives", "A 64 bit integer."),
        Variable("Single", "Primitives", "A 32 bit floating point number."),
        Variable("Double", "Primitives", "A 64 bit floating point number."),
        Variable("Decimal", "Primitives", "A decimal number."),
        Variable("Guid", "Primitives", "A globally unique identifier."),
        Variable("DateTime", "Primitives", "A date and time."),
        Variable("DateTimeOffset", "Primitives", "A date and time with an offset."),
        Variable("TimeSpan", "Primitives", "A duration."),
        Variable("StringDictionary", "Lookups", "A dictionary of strings."),
        Variable("ObjectDictionary", "Lookups", "A dictionary of objects."),
        Variable("JSON", "Dynamic", "A dynamic JSON object."),
        Variable("JsonElement", "Dynamic", "A JSON element."),
        Variable("JsonNode", "Dynamic", "A JSON node."),
        Variable("JsonObject", "Dynamic", "A JSON object."),
        Variable("ByteArray", "Data", "An array of bytes."),
        Variable("Stream", "Data", "A stream of bytes."),
    ];

    public static void Map(RouteGroupBuilder api)
    {
        var descriptors = api.MapGroup("/descriptors");
        descriptors.MapGet("/activities", async (ActivityRegistry registry, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var items = await InputOptionsResolver.ResolveAllAsync(registry.List(), services, StudioJson.Options, cancellationToken);
            return StudioJson.Ok(new { items, count = items.Count });
        });
        descriptors.MapPost("/activities/{activityTypeName}/options/{propertyName}", async (
            string activityTypeName, string propertyName, ActivityRegistry registry, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var input = registry.FindLatest(activityTypeName)?.Inputs.FirstOrDefault(i => string.Equals(i.Name, propertyName, StringComparison.OrdinalIgnoreCase));
            return input is null
                ? StudioJson.NotFound($"Activity '{activityTypeName}' has no input '{propertyName}'.")
                : StudioJson.Ok(new { items = await InputOptionsResolver.ResolveAsync(input, services, cancellationToken) ?? [] });
        });
        descriptors.MapGet("/expression-descriptors", () => List(ExpressionDescriptor.Defaults));
        descriptors.MapGet("/workflow-activation-strategies", () => List(ActivationStrategies));
        descriptors.MapGet("/incident-strategies", () => List(IncidentStrategies));
        descriptors.MapGet("/log-persistence-strategies", () => List(LogPersistenceStrategies));
        descriptors.MapGet("/commit-strategies/workflows", () => List(WorkflowCommitStrategies));
        descriptors.MapGet("/commit-strategies/activities", () => List(ActivityCommitStrategies));

        // Elsa's client models for these two have no count.
        descriptors.MapGet("/storage-drivers", () => StudioJson.Ok(new { items = StorageDrivers }));
        descriptors.MapGet("/variables", () => StudioJson.Ok(new { items = VariableTypes }));
        descriptors.MapGet("/output-converters", () => StudioJson.Ok(new { items = Array.Empty<object>() }));

        // No optional feature is installed: no SignalR hub (the Studio polls), no resilience, no alterations.
        api.MapGet("/features/installed", () => List(Array.Empty<object>()));
    }

    private static IResult List<T>(IReadOnlyCollection<T> items) => StudioJson.Ok(new { items, count = items.Count });

    private static object Strategy(string typeName, string displayName, string description) => new { typeName, displayName, description };

    private static object Variable(string typeName, string category, string description) => new { typeName, displayName = typeName, category, description };
}
