using WorkflowKit.Designer.Accounts;
using WorkflowKit.Files;

namespace WorkflowKit.Designer.Files;

/// <summary>
/// Lets form checks accept a file that another user uploaded when the submitting user may download it, through the
/// same rule as <see cref="FileService.OpenAsync"/>.
/// </summary>
/// <remarks>
/// It resolves <see cref="FileService"/> on first use, because the form validators that hold this object are built
/// before the work service that the file service reads instances through.
/// </remarks>
public sealed class FileReadAccess(IServiceProvider services, AccountStore accounts) : IFileReadAccess
{
    public async Task<bool> MayReadAsync(string userId, string fileId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken);
        return account is not null
            && await services.GetRequiredService<FileService>().OpenAsync(
                UserContext.FromUser(account), fileId, cancellationToken) is not null;
    }
}
