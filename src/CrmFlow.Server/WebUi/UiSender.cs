using System.Runtime.CompilerServices;
using CrmFlow.Crm.Features.Identity.ListUsers;
using Mediator;

namespace CrmFlow.Server.WebUi;

/// <summary>
/// Runs work for Blazor components in a DI scope of its own. A circuit's scope lives as long as the browser tab, and
/// components work concurrently (the app bar's notification bell loads while the page loads; a page's tabs load while
/// the page awaits its own query), so use cases and flow runs must not share the circuit's database contexts. Each
/// scope carries the circuit's signed-in user, as an HTTP request's scope does.
/// </summary>
internal sealed class CircuitScopes(IServiceScopeFactory scopes, CircuitPrincipal circuit)
{
    public async ValueTask<T> RunAsync<T>(Func<IServiceProvider, ValueTask<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var scope = NewScope();
        await using (scope.ConfigureAwait(false))
        {
            return await work(scope.ServiceProvider).ConfigureAwait(false);
        }
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await RunAsync(s => new ValueTask<T>(work(s))).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<T> StreamAsync<T>(
        Func<IServiceProvider, IAsyncEnumerable<T>> work, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var scope = NewScope();
        await using (scope.ConfigureAwait(false))
        {
            await foreach (var item in work(scope.ServiceProvider).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <summary>A new scope whose user is the circuit's.</summary>
    private AsyncServiceScope NewScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CircuitPrincipal>().User = circuit.User;
        return scope;
    }
}

/// <summary>The mediator for Blazor components: every use case runs in a <see cref="CircuitScopes"/> scope of its own.</summary>
internal sealed class UiSender(CircuitScopes scopes) : ISender
{
    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        scopes.RunAsync(s => s.GetRequiredService<ISender>().Send(request, cancellationToken));

    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        scopes.RunAsync(s => s.GetRequiredService<ISender>().Send(command, cancellationToken));

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        scopes.RunAsync(s => s.GetRequiredService<ISender>().Send(query, cancellationToken));

    public ValueTask<object?> Send(object message, CancellationToken cancellationToken = default) =>
        scopes.RunAsync(s => s.GetRequiredService<ISender>().Send(message, cancellationToken));

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        scopes.StreamAsync(s => s.GetRequiredService<ISender>().CreateStream(query, cancellationToken), cancellationToken);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        scopes.StreamAsync(s => s.GetRequiredService<ISender>().CreateStream(request, cancellationToken), cancellationToken);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) =>
        scopes.StreamAsync(s => s.GetRequiredService<ISender>().CreateStream(command, cancellationToken), cancellationToken);

    public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) =>
        scopes.StreamAsync(s => s.GetRequiredService<ISender>().CreateStream(message, cancellationToken), cancellationToken);

    /// <summary>The users for pickers (assignees, respondents), read in a scope of its own like any use case.</summary>
    public ValueTask<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        new(scopes.RunAsync(s => s.GetRequiredService<ListUsersHandler>().HandleAsync(cancellationToken)));
}
