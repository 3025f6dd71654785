using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// A portal page that reloads when the engine reports a task change for the signed-in user, so
/// new tasks appear without a reload.
/// </summary>
public abstract class PortalPageBase : ComponentBase, IDisposable
{
    [Inject]
    protected ITaskNotifier Notifier { get; set; } = default!;

    [Inject]
    protected IWorkService Work { get; set; } = default!;

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    /// <summary>The logger of the page's own category, for refusals the page words for the user.</summary>
    protected ILogger Logger => _logger ??= LoggerFactory.CreateLogger(GetType());

    private ILogger? _logger;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected UserContext CurrentUser { get; private set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        CurrentUser = UserContext.FromPrincipal((await AuthenticationState).User)
            ?? throw new InvalidOperationException("Portal pages require a signed-in user.");
        Notifier.Changed += OnTasksChanged;
        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    /// <summary>Reloads the page after an engine change for the user. A page with unsaved input overrides it.</summary>
    protected virtual Task LoadChangedAsync() => LoadAsync();

    private void OnTasksChanged(TaskNotification notification)
    {
        if (notification.UserIds.Contains(CurrentUser.Id))
        {
            _ = InvokeAsync(async () =>
            {
                await LoadChangedAsync();
                StateHasChanged();
            });
        }
    }

    public void Dispose()
    {
        Notifier.Changed -= OnTasksChanged;
        OnDisposing();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the page's own background work when the page closes.</summary>
    protected virtual void OnDisposing()
    {
    }
}
