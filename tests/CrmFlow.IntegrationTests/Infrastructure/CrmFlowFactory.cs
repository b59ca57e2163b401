using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CrmFlow.IntegrationTests.Infrastructure;

/// <summary>The real host (<c>Program</c>) on a given database, with test-only settings layered on top.</summary>
public sealed class CrmFlowFactory(string provider, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string IntegrationApiKey = "cfk_integration-tests-key-0123456789";

    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "crmflow-tests", "logs", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:CrmFlow"] = connectionString,
                ["Database:MigrateOnStartup"] = "true",
                ["Demo:Seed"] = "true",
                ["Demo:IntegrationApiKey"] = IntegrationApiKey,
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Serilog:WriteTo:1:Args:path"] = Path.Combine(LogDirectory, "crmflow-.log"),
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            configuration.AddInMemoryCollection(values);
        });
    }
}
