namespace CrmFlow.Server.WebUi;

/// <summary>
/// Tells the app bar's bell that the notifications page changed the unread count. Scoped: one per circuit, so it only
/// ever carries the signed-in user's own count.
/// </summary>
internal sealed class NotificationCounter
{
    public event Action<int>? Changed;

    public void Set(int unread) => Changed?.Invoke(unread);
}
