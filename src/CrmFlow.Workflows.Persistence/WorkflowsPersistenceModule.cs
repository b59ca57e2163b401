using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Persistence.Runtime;
using CrmFlow.Workflows.Persistence.Stores;
using CrmFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence;

/// <summary>The workflow persistence module's entry point.</summary>
public static class WorkflowsPersistenceModule
{
    /// <summary>
    /// Registers <see cref="WorkflowsDbContext"/> for the configured provider and its start-up migration, the engine,
    /// the EF Core stores, the persistent runtime (<see cref="IWorkflowRuntime"/>), the instance lock of the provider,
    /// the start-up import of workflow files and the timer/dispatch loop.
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowsPersistence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .Configure<IConfiguration, IHostEnvironment>((o, configuration, environment) =>
                o.ResolveConnectionString(
                    configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), environment.ContentRootPath))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddWorkflowsDbContexts();
        services.AddHostedService<WorkflowsDatabaseInitializer>();

        services.AddOptions<WorkflowRuntimeOptions>().Bind(builder.Configuration.GetSection(WorkflowRuntimeOptions.SectionName));
        services.AddOptions<WorkflowImportOptions>().Bind(builder.Configuration.GetSection(WorkflowImportOptions.SectionName));
        services.TryAddSingleton(sp =>
        {
            var management = new WorkflowManagementOptions();
            builder.Configuration.GetSection("Workflows:Management").Bind(management);
            return management;
        });

        services.AddWorkflowEngine();
        services.AddWorkflowExpressions();
        services.TryAddSingleton<IHttpRequestSender>(_ => new HttpClientRequestSender(new HttpClient()));

        services.AddSingleton<ExecutableDefinitionCache>();
        services.AddScoped<WorkflowDefinitionStore>();
        services.AddScoped<IWorkflowDefinitionStore>(sp => sp.GetRequiredService<WorkflowDefinitionStore>());
        services.AddScoped<IWorkflowDefinitionProvider>(sp => sp.GetRequiredService<WorkflowDefinitionStore>());
        services.AddScoped<IWorkflowDefinitionManager, WorkflowDefinitionManager>();
        services.AddScoped<WorkflowInstanceStore>();
        services.AddScoped<IWorkflowInstanceStore>(sp => sp.GetRequiredService<WorkflowInstanceStore>());
        services.AddScoped<IBookmarkStore>(sp => sp.GetRequiredService<WorkflowInstanceStore>());
        services.AddScoped<IUserTaskStore, UserTaskStore>();
        services.AddScoped<RuntimeEventPublisher>();
        services.AddScoped<IEventPublisher>(sp => sp.GetRequiredService<RuntimeEventPublisher>());
        services.AddScoped<WorkflowRuntime>();
        services.AddScoped<IWorkflowRuntime>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.AddScoped<IWorkflowDispatcher>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.AddSingleton<RuntimeSignals>();
        services.AddSingleton<IWorkflowInstanceLock>(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return database.Provider switch
            {
                DatabaseProvider.PostgreSql => new PostgresInstanceLock(database.ConnectionString!),
                DatabaseProvider.SqlServer => new SqlServerInstanceLock(database.ConnectionString!),
                _ => new InProcessInstanceLock(),
            };
        });
        services.AddHostedService<WorkflowStartup>();
        services.AddHostedService<RuntimeWorker>();
        return builder;
    }
}
