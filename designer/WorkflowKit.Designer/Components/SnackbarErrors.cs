using MudBlazor;

namespace WorkflowKit.Designer.Components;

/// <summary>Error snackbars of the admin pages.</summary>
public static class SnackbarErrors
{
    /// <summary>
    /// Shows <paramref name="message"/> as an error that stays until the user closes it, because each error states what
    /// to do next and a snackbar that closes after a few seconds can vanish before it is read.
    /// </summary>
    public static void ShowError(this ISnackbar snackbar, string message)
    {
        ArgumentNullException.ThrowIfNull(snackbar);
        snackbar.Add(message, Severity.Error, options =>
        {
            options.RequireInteraction = true;
            options.ShowCloseIcon = true;
        });
    }
}
