namespace CrmFlow.Workflows.Persistence.Entities;

/// <summary>
/// One stored version of a workflow definition. <see cref="Id"/> is the version id (Elsa's <c>id</c>),
/// <see cref="DefinitionId"/> groups the versions; <see cref="Data"/> holds the whole definition as Elsa 3 JSON.
/// </summary>
internal sealed class WorkflowDefinitionRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    public bool IsReadonly { get; set; }

    public bool UsableAsActivity { get; set; }

    /// <summary>Elsa's materializer, e.g. <c>Json</c>.</summary>
    public required string MaterializerName { get; set; }

    /// <summary>The full definition JSON (jsonb on PostgreSQL).</summary>
    public required string Data { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Data"/> as saved, to detect unchanged saves.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
