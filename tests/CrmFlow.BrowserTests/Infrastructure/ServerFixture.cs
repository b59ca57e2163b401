using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmFlow.BrowserTests.Infrastructure;

/// <summary>
/// The real CrmFlow host on Kestrel (a free loopback port) over a fresh SQLite file, for a browser to reach.
/// </summary>
public sealed class ServerFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "crmflow-browser-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = default!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:CrmFlow", $"Data Source={Path.Combine(_dataDir, "crmflow.db")}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file briefly on some systems; the temp folder is disposable.
        }
    }
}
