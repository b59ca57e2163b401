using System.Security.Cryptography;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>Section <c>Workflows:Import</c>: the start-up import of <c>*.json</c> definition files.</summary>
public sealed class WorkflowImportOptions
{
    public const string SectionName = "Workflows:Import";

    public bool Enabled { get; set; } = true;

    /// <summary>The folder to import; relative paths are under the content root. Default: <c>workflows</c> beside the application.</summary>
    public string? Directory { get; set; }
}

/// <summary>
/// At start-up (after migrations): registers published <c>usableAsActivity</c> definitions as activity types, then
/// imports <c>workflows/*.json</c>. The definition id is the file name; a new or changed file (by content hash)
/// becomes a new published version, an unchanged file is a no-op (so a version edited later in the Studio stays),
/// and a broken file is logged with its error and skipped.
/// </summary>
internal sealed partial class WorkflowStartup(
    IServiceScopeFactory scopes,
    ActivityRegistry registry,
    IOptions<WorkflowImportOptions> importOptions,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<WorkflowStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
            var usable = await store.ListDefinitionsAsync(new WorkflowDefinitionFilter { UsableAsActivity = true, VersionOptions = VersionOptions.Published }, cancellationToken).ConfigureAwait(false);
            foreach (var definition in usable)
            {
                registry.RegisterWorkflowAsActivity(definition);
            }
        }

        if (importOptions.Value.Enabled)
        {
            await ImportAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal async Task ImportAsync(CancellationToken cancellationToken)
    {
        var directory = importOptions.Value.Directory is { Length: > 0 } configured
            ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured))
            : Path.Combine(AppContext.BaseDirectory, "workflows");
        if (!Directory.Exists(directory))
        {
            LogNoDirectory(logger, directory);
            return;
        }

        var files = new List<(string DefinitionId, string Hash, WorkflowDefinition Definition)>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var definitionId = Path.GetFileNameWithoutExtension(file);
            try
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                var definition = WorkflowDefinitionSerializer.Parse(bytes);
                files.Add((definitionId, Convert.ToHexStringLower(SHA256.HashData(bytes)), definition));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                LogBrokenFile(logger, file, ex.Message);
            }
        }

        // Workflows used as activities first, so flows using them validate.
        foreach (var (definitionId, hash, definition) in files.OrderByDescending(f => f.Definition.Options.UsableAsActivity))
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
                var previous = await db.FileImports.FirstOrDefaultAsync(f => f.DefinitionId == definitionId, cancellationToken).ConfigureAwait(false);
                if (previous?.ContentHash == hash)
                {
                    continue;
                }

                definition.DefinitionId = definitionId;
                var result = await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionManager>().SaveAndPublishAsync(definition, cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    LogInvalidFile(logger, definitionId, string.Join("; ", result.Errors.Select(e => e.Message)));
                    continue;
                }

                if (previous is null)
                {
                    db.FileImports.Add(new WorkflowFileImportRecord { DefinitionId = definitionId, ContentHash = hash, DefinitionVersionId = result.Definition.Id!, ImportedAt = time.GetUtcNow() });
                }
                else
                {
                    db.FileImports.Attach(previous);
                    previous.ContentHash = hash;
                    previous.DefinitionVersionId = result.Definition.Id!;
                    previous.ImportedAt = time.GetUtcNow();
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                LogImported(logger, definitionId, result.Definition.Version);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No workflow folder at {Directory}; nothing to import")]
    private static partial void LogNoDirectory(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped workflow file {File}: {Error}")]
    private static partial void LogBrokenFile(ILogger logger, string file, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped workflow file {DefinitionId}: publishing failed: {Errors}")]
    private static partial void LogInvalidFile(ILogger logger, string definitionId, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported workflow {DefinitionId} as published version {Version}")]
    private static partial void LogImported(ILogger logger, string definitionId, int version);
}
