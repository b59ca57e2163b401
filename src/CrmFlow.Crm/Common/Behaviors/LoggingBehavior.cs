using System.Diagnostics;
using CrmFlow.Crm.Common.Results;
using Mediator;

namespace CrmFlow.Crm.Common.Behaviors;

/// <summary>Logs each request's name, elapsed time and outcome; never its content (contacts are sensitive).</summary>
internal sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var outcome = response is IUseCaseResult result ? result.Status.ToString() : "Ok";
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogHandled(logger, RequestName, elapsedMs, outcome);
            }

            return response;
        }
        catch (Exception exception) when (LogFailed(logger, started, exception))
        {
            throw;
        }
    }

    private static bool LogFailed(ILogger logger, long started, Exception exception)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var exceptionName = exception.GetType().Name;
            LogException(logger, RequestName, elapsedMs, exceptionName);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Request} in {ElapsedMs:0.0} ms: {Outcome}")]
    private static partial void LogHandled(ILogger logger, string request, double elapsedMs, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} failed after {ElapsedMs:0.0} ms with {Exception}")]
    private static partial void LogException(ILogger logger, string request, double elapsedMs, string exception);
}
