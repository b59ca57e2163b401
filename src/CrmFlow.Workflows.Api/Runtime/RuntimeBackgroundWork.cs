using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmFlow.Workflows.Api.Runtime;

/// <summary>In-process queue for work the API accepts and answers before doing (asynchronous event triggers).</summary>
public sealed partial class RuntimeBackgroundWork(IServiceScopeFactory scopes, ILogger<RuntimeBackgroundWork> logger) : BackgroundService
{
    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _channel = Channel.CreateUnbounded<Func<IServiceProvider, CancellationToken, Task>>();

    public void Enqueue(Func<IServiceProvider, CancellationToken, Task> work) => _channel.Writer.TryWrite(work);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                try
                {
                    await work(scope.ServiceProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background workflow work failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
