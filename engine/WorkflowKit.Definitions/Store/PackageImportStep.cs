using WorkflowKit.Definitions.Packages;
using WorkflowKit.Storage;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// Extra writes of a package import, run inside its transaction after the definitions are written and before the
/// commit, so that they commit or roll back together with them. The manifest is the validated one.
/// </summary>
public delegate Task PackageImportStep(
    IStorageTransaction transaction, PackageManifest manifest, CancellationToken cancellationToken);
