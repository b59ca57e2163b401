using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace CrmFlow.BrowserTests.Infrastructure;

/// <summary>
/// The real CrmFlow host on Kestrel (a free loopback port) over a fresh SQLite file, for a browser to reach.
/// Server log events at Error or above are collected in <see cref="ServerErrors"/> (tests assert none).
/// </summary>
public sealed class ServerFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "crmflow-browser-" + Guid.NewGuid().ToString("N"));

    private readonly ErrorSink _errors = new();

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Rendered server log events at Error or Fatal so far.</summary>
    public IReadOnlyCollection<string> ServerErrors => _errors.Events;

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

        // The host's Serilog logger reads sinks from the container (ReadFrom.Services).
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(_errors));
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

    private sealed class ErrorSink : ILogEventSink
    {
        private readonly ConcurrentQueue<string> _events = new();

        public IReadOnlyCollection<string> Events => _events;

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Error)
            {
                _events.Enqueue($"{logEvent.Level}: {logEvent.RenderMessage()} {logEvent.Exception}");
            }
        }
    }
}
