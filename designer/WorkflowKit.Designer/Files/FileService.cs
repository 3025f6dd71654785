using System.Globalization;
using System.Security.Cryptography;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Files;
using WorkflowKit.Forms;
using WorkflowKit.Permissions;

namespace WorkflowKit.Designer.Files;

/// <summary>
/// Uploads and downloads of attachment, image and signature fields, for <c>/api/files</c> and the form inputs. An
/// upload is checked against its field's limits in the form version that the instance or flow is bound to. A download is allowed to the uploader and to users who may read an
/// instance or record whose data references the file, through the same reads as the pages.
/// </summary>
public sealed class FileService(
    IFileStore files, IDefinitionStore definitions, IWorkService work, RecordReader records, TimeProvider time,
    ILogger<FileService> logger)
{
    /// <summary>
    /// Checks and stores an upload for a field and returns the reference that the field's value takes. The field's
    /// limits come from the form version that <paramref name="target"/> names. At most the field's <c>maxSize</c> plus
    /// one byte is read from <paramref name="content"/>; <paramref name="length"/>, when the request states it, names
    /// the size of a file that is too large.
    /// </summary>
    /// <exception cref="FileUploadException">The field does not take the file.</exception>
    /// <exception cref="ArgumentException">
    /// The form is not published or has no such field, or the user may not read the instance or start the flow.
    /// </exception>
    public async Task<FileReference> UploadAsync(
        UserContext user, FileUploadTarget target, string? fileName, Stream content, long? length,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(content);
        var field = await FindFieldAsync(user, target, cancellationToken);
        var messages = FormMessages.For(CultureOf(user));
        var (formKey, fieldPath) = (target.FormKey, target.FieldPath);

        var maximum = FileUploadCheck.MaxSizeOf(field);
        var bytes = length > maximum ? [] : await ReadAtMostAsync(content, maximum + 1, cancellationToken);
        var measured = bytes.Length > maximum || length > maximum ? Math.Max(bytes.Length, length ?? 0) : bytes.Length;
        var verdict = FileUploadCheck.Check(
            field, fileName, measured, bytes.AsSpan(0, Math.Min(bytes.Length, ImageFormats.HeaderLength)), messages);
        if (!verdict.IsAccepted)
        {
            FileLog.UploadRejected(logger, user.Id, fieldPath, formKey, verdict.Error!);
            throw new FileUploadException(verdict.Error!);
        }

        var file = new StoredFile(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), verdict.Name!, verdict.ContentType!,
            bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), user.Id, time.GetUtcNow());
        await files.InsertAsync(file, bytes, cancellationToken);
        FileLog.Uploaded(logger, file.Id, file.Size, file.ContentType, user.Id, fieldPath, formKey);
        return file.ToReference();
    }

    /// <summary>
    /// Returns the field that takes uploads at the target's field path, in the form version that the target names.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The form is not published or has no such field, or the user may not read the instance or start the flow.
    /// </exception>
    public async Task<FieldDefinition> FindFieldAsync(
        UserContext user, FileUploadTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(target);
        var formKey = target.FormKey;
        var form = DefinitionJson.Deserialize<FormDefinition>(await FormJsonAsync(user, target, cancellationToken));
        if (form.Key != formKey)
        {
            throw new ArgumentException(
                $"The form of {(target.InstanceId is { } id ? $"instance {id}" : $"flow '{target.FlowKey}'")} is " +
                $"'{form.Key}', not '{formKey}'; send the form key of the instance or flow.", nameof(target));
        }

        var parts = (target.FieldPath ?? string.Empty).Split('.');
        var field = parts.Length switch
        {
            1 => form.Fields.FirstOrDefault(candidate => candidate.Id == parts[0]),
            2 => form.Fields.FirstOrDefault(candidate => candidate.Id == parts[0] && candidate.Type == FieldTypes.SubTable)
                ?.Fields?.FirstOrDefault(column => column.Id == parts[1]),
            _ => null,
        };
        return field ?? throw new ArgumentException(
            $"The \"field\" value '{target.FieldPath}' names no field of form '{formKey}'; send a field id, or " +
            "table.column for a sub-table column.", nameof(target));
    }

    // An instance's task form and a flow's start form use the form version bound to the flow version, as the pages
    // that IWorkService serves do. Other uploads use the latest published version.
    private async Task<string> FormJsonAsync(
        UserContext user, FileUploadTarget target, CancellationToken cancellationToken)
    {
        if (target.InstanceId is { } instanceId)
        {
            InstanceDetail? instance;
            try
            {
                instance = await work.GetInstanceAsync(instanceId, user, cancellationToken);
            }
            catch (AccessDeniedException)
            {
                instance = null;
            }

            return instance?.FormJson ?? throw new ArgumentException(
                $"The \"instance\" value '{instanceId}' names no instance with a form that you may read; send the id " +
                "of the instance whose task you fill in.", nameof(target));
        }

        if (target.FlowKey is { } flowKey)
        {
            var flows = await work.GetStartableFlowsAsync(user, cancellationToken);
            return flows.FirstOrDefault(flow => flow.FlowKey == flowKey)?.FormJson ?? throw new ArgumentException(
                $"The \"flow\" value '{flowKey}' names no published flow that you may start; send the key of the " +
                "flow you start.",
                nameof(target));
        }

        var published = await definitions.GetVersionAsync(DefinitionKinds.Form, target.FormKey, null, cancellationToken)
            ?? throw new ArgumentException(
                $"The \"form\" value '{target.FormKey}' names no published form; send the key of the published " +
                "form whose field takes the file.",
                nameof(target));
        return published.Json;
    }

    /// <summary>
    /// Returns a file and its content when <paramref name="user"/> may download it; null when the file does not exist
    /// or the user may not see it, so that the two cases look the same.
    /// </summary>
    public async Task<FileDownload?> OpenAsync(UserContext user, string fileId, CancellationToken cancellationToken)
    {
        var file = await FindReadableAsync(user, fileId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        var content = await files.ReadContentAsync(fileId, cancellationToken);
        return content is null ? null : new FileDownload(file, content);
    }

    /// <summary>
    /// Returns a file's metadata when <paramref name="user"/> may download it, by the same check as
    /// <see cref="OpenAsync"/> but without reading the content. Returns null when the file does not exist or the user
    /// may not see it. Pages use it to decide whether to show a file's preview and link.
    /// </summary>
    public async Task<StoredFile?> FindReadableAsync(UserContext user, string fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var file = await files.FindAsync(fileId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        if (file.UploadedBy != user.Id && !await HolderAllowsAsync(user, fileId, cancellationToken))
        {
            FileLog.DownloadDenied(logger, fileId, user.Id);
            return null;
        }

        return file;
    }

    // The reads are the pages' own: an instance through IWorkService (initiator, assignees, CC recipients, designers,
    // without fields hidden from them), a record through RecordReader (data permissions and hidden fields). The file
    // must still be in what the user reads, so a file in a hidden field stays hidden.
    private async Task<bool> HolderAllowsAsync(UserContext user, string fileId, CancellationToken cancellationToken)
    {
        foreach (var holder in await files.ListHoldersAsync(fileId, cancellationToken))
        {
            System.Text.Json.Nodes.JsonObject? data;
            if (holder.FormKey is { } formKey && holder.RecordId is { } recordId)
            {
                data = (await records.GetAsync(user.Id, formKey, recordId, cancellationToken))?.Data;
            }
            else
            {
                try
                {
                    data = holder.InstanceId is { } instanceId
                        ? (await work.GetInstanceAsync(instanceId, user, cancellationToken))?.Data
                        : null;
                }
                catch (AccessDeniedException)
                {
                    data = null;
                }
            }

            if (data is not null && FileIds.In(data).Contains(fileId))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (buffer.Length < limit)
        {
            var requested = (int)Math.Min(chunk.Length, limit - buffer.Length);
            var read = await content.ReadAsync(chunk.AsMemory(0, requested), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static CultureInfo CultureOf(UserContext user) =>
        CultureInfo.GetCultureInfo(user.Culture.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en");
}
