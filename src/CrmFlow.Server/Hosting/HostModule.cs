using System.Text.Json.Serialization;
using CrmFlow.Crm.Data;
using CrmFlow.Server.Authentication;
using CrmFlow.Server.DemoData;
using CrmFlow.Workflows.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using Serilog;

namespace CrmFlow.Server.Hosting;

/// <summary>The host's own composition: configuration, logging, authentication, errors, health, OpenAPI, demo data.</summary>
internal static class HostModule
{
    /// <summary>Optional, git-ignored local overrides (copy one of <c>appsettings.samples/</c>).</summary>
    public const string LocalSettingsFile = "appsettings.Local.json";

    public static IHostApplicationBuilder AddCrmFlowHost(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddLocalSettings(builder);
        var services = builder.Services;

        // Serilog from the "Serilog" section only; no bootstrap logger (it is process-wide).
        services.AddSerilog((sp, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext());

        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurity>());
        services.AddCrmFlowAuthentication();

        services.AddHealthChecks()
            .AddDbContextCheck<CrmDbContext>(nameof(CrmDbContext))
            .AddDbContextCheck<WorkflowsDbContext>(nameof(WorkflowsDbContext));

        services.AddOptions<DemoOptions>()
            .Bind(builder.Configuration.GetSection(DemoOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<DemoDataSeeder>();
        return builder;
    }

    public static WebApplication UseCrmFlowHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapCrmFlowHost(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        endpoints.MapOpenApi().AllowAnonymous();

        // Scalar serves its JavaScript bundle from the package (no CDN); fonts and telemetry off
        // because the network may be closed.
        endpoints.MapScalarApiReference(o => o
                .WithTitle("CrmFlow API")
                .DisableDefaultFonts()
                .DisableTelemetry())
            .AllowAnonymous();

        endpoints.MapGet("/favicon.ico", () => Results.Bytes(Favicon.Value, "image/png"))
            .ExcludeFromDescription()
            .AllowAnonymous();
        return endpoints;
    }

    private static readonly Lazy<byte[]> Favicon = new(() =>
    {
        using var stream = typeof(HostModule).Assembly.GetManifestResourceStream("CrmFlow.Server.Hosting.Assets.favicon.png")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    /// <summary>
    /// Adds <see cref="LocalSettingsFile"/> right after <c>appsettings.{Environment}.json</c>: it wins over
    /// the committed JSON files, while environment variables and the command line still win over it.
    /// </summary>
    private static void AddLocalSettings(IHostApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var environmentFile = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var index = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource json
                && (string.Equals(json.Path, environmentFile, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(json.Path, "appsettings.json", StringComparison.OrdinalIgnoreCase)))
            {
                index = i;
            }
        }

        var local = new JsonConfigurationSource
        {
            Path = LocalSettingsFile,
            Optional = true,
            ReloadOnChange = true,
            FileProvider = builder.Environment.ContentRootFileProvider,
        };
        if (index < 0)
        {
            sources.Add(local);
        }
        else
        {
            sources.Insert(index + 1, local);
        }
    }
}
