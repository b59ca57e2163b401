namespace CrmFlow.Workflows.Persistence;

/// <summary>The workflow persistence module's entry point.</summary>
public static class WorkflowsPersistenceModule
{
    /// <summary>Registers <see cref="WorkflowsDbContext"/> for the configured provider and its start-up migration.</summary>
    public static IHostApplicationBuilder AddWorkflowsPersistence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .Configure<IConfiguration, IHostEnvironment>((o, configuration, environment) =>
                o.ResolveConnectionString(
                    configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), environment.ContentRootPath))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddWorkflowsDbContexts();
        builder.Services.AddHostedService<WorkflowsDatabaseInitializer>();
        return builder;
    }
}
