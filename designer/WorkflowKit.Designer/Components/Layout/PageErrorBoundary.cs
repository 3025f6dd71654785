using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace WorkflowKit.Designer.Components.Layout;

/// <summary>
/// The error boundary around every interactive page. It logs the page's unhandled exception once, with a reference id
/// that the layout shows beside the message, so that a user can quote the id and an administrator can find the
/// exception in the log. Static pages get the same id from <see cref="Hosting.UnhandledErrorHandler"/>.
/// </summary>
public sealed partial class PageErrorBoundary : ErrorBoundary
{
    [Inject]
    private ILogger<PageErrorBoundary> Logger { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The reference id of the exception that the boundary shows, or null while the page works.</summary>
    public string? ReferenceId { get; private set; }

    // ErrorBoundary calls this before it renders the error content, so the content shows this exception's id. The
    // base method, which logs without an id, is not called.
    protected override Task OnErrorAsync(Exception exception)
    {
        ReferenceId = Guid.NewGuid().ToString("N");
        Failed(Logger, exception, ReferenceId, "/" + Navigation.ToBaseRelativePath(Navigation.Uri));
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 5041, Level = LogLevel.Error,
        Message = "Unhandled exception with reference id {ReferenceId} on page {Page}")]
    private static partial void Failed(ILogger logger, Exception exception, string referenceId, string page);
}
