namespace WorkflowKit.Files;

/// <summary>
/// Decides whether a user may read a stored file that someone else uploaded, through an instance or record that names
/// it. Imports use it so that a file value may name a file the importing user can already download, such as one in an
/// exported record.
/// </summary>
public interface IFileReadAccess
{
    Task<bool> MayReadAsync(string userId, string fileId, CancellationToken cancellationToken);
}
