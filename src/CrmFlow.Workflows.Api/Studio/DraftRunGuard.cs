using CrmFlow.Workflows.Management;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>
/// Refuses to run a draft that would fail publish validation (unknown activity type, broken connection, bad
/// cron…), with the reasons in Elsa's error shape. Published versions were validated when they were published.
/// </summary>
internal static class DraftRunGuard
{
    public static async Task<IResult?> RefuseInvalidDraftAsync(IServiceProvider services, string definitionId, VersionOptions versionOptions, CancellationToken ct)
    {
        if (versionOptions.Selector == VersionSelector.Published)
        {
            return null;
        }

        var store = services.GetRequiredService<IWorkflowDefinitionStore>();
        var definition = await store.FindAsync(definitionId, versionOptions, ct).ConfigureAwait(false);
        if (definition is null || definition.IsPublished)
        {
            return null;
        }

        var errors = await services.GetRequiredService<IWorkflowDefinitionManager>().ValidateAsync(definition, ct).ConfigureAwait(false);
        return errors.Count == 0
            ? null
            : StudioJson.Errors(errors.Select(e => e.ActivityId is null ? e.Message : $"{e.Message} (activity '{e.ActivityId}')"), "The workflow definition cannot run.");
    }
}
