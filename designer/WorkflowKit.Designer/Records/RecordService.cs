using System.Globalization;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Import;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Designer.Records;

/// <summary>
/// What the records pages and the records API read: every call goes through
/// <see cref="RecordReader"/>, the one permission filter, so rows outside the user's rules and
/// fields hidden from them never leave. Errors become the designer's exceptions:
/// <see cref="AccessDeniedException"/> for a hidden field or a missing export right,
/// <see cref="ArgumentException"/> for an unknown form or a filter the store cannot run.
/// </summary>
public sealed class RecordService(
    RecordReader reader,
    RecordExporter exporter,
    RecordSetup setup,
    SavedViewStore savedViews,
    IDefinitionStore definitions,
    ILogger<RecordService> logger)
{
    /// <summary>The English text of the error for a form key that names no published form.</summary>
    public const string UnknownFormText =
        "No published form with key '{0}'; check the form key, or publish the form first.";

    /// <summary>Published forms on which the user has a read rule.</summary>
    public async Task<IReadOnlyList<FormDefinition>> ListFormsAsync(
        UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = new List<FormDefinition>();
        foreach (var summary in await definitions.ListAsync(cancellationToken))
        {
            if (summary.Kind != DefinitionKinds.Form || summary.LatestVersion is null)
            {
                continue;
            }

            var scope = await reader.ResolveAsync(user.Id, summary.Key, PermissionActions.Read, cancellationToken);
            if (scope.IsGranted && await setup.EnsureFormAsync(summary.Key, cancellationToken) is { } form)
            {
                result.Add(form);
            }
        }

        return result;
    }

    /// <summary>The form with the fields the user may see on at least one record.</summary>
    public async Task<FormDefinition> GetFormAsync(
        UserContext user, string formKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var form = await setup.EnsureFormAsync(formKey, cancellationToken)
            ?? throw new InvalidInputException(UnknownFormText, nameof(formKey), formKey);
        var scope = await reader.ResolveAsync(user.Id, formKey, PermissionActions.Read, cancellationToken);
        var copy = DefinitionJson.Deserialize<FormDefinition>(DefinitionJson.Serialize(form));
        copy.Fields = [.. copy.Fields.Where(field => !scope.IsHiddenEverywhere(field.Id))];
        return copy;
    }

    /// <summary>The maximum number of records in one page of <see cref="ListAsync"/>; a larger limit is lowered to it.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Records per page of the API's record list when the request names no limit.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>
    /// One page of the records the user may read. With <paramref name="countLimit"/> the total stops
    /// at that count and <see cref="RecordPage.TotalIsCapped"/> is set, so the page shows it as "N+".
    /// With <paramref name="afterId"/> the page starts after that record in the newest-first order
    /// (<see cref="RecordQuery.AfterId"/>).
    /// </summary>
    public async Task<RecordPage> ListAsync(
        UserContext user, string formKey, Condition? filter, IReadOnlyList<SortOrder> sort, int offset, int limit,
        CancellationToken cancellationToken, int? countLimit = null, long? afterId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        await RequireFormAsync(formKey, cancellationToken);
        var query = new RecordQuery(formKey)
        {
            Filter = filter,
            Sort = sort,
            Offset = offset,
            AfterId = afterId,
            Limit = Math.Clamp(limit, 1, MaxPageSize),
            CountLimit = countLimit,
        };
        return await TranslateAsync(() => reader.ListAsync(user.Id, query, cancellationToken));
    }

    /// <summary>One record; null when it does not exist or the user may not read it.</summary>
    public async Task<RecordEntry?> GetAsync(
        UserContext user, string formKey, long recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await RequireFormAsync(formKey, cancellationToken);
        return await reader.GetAsync(user.Id, formKey, recordId, cancellationToken);
    }

    /// <summary>The record's writes with old and new values, hidden fields removed; empty when not readable.</summary>
    public async Task<IReadOnlyList<RecordAuditEntry>> GetHistoryAsync(
        UserContext user, string formKey, long recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await RequireFormAsync(formKey, cancellationToken);
        return await reader.GetHistoryAsync(user.Id, formKey, recordId, cancellationToken);
    }

    /// <summary>The template packages' views of the form, then the user's own.</summary>
    public async Task<IReadOnlyList<RecordView>> GetViewsAsync(
        UserContext user, string formKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await RequireFormAsync(formKey, cancellationToken);
        var views = new List<RecordView>();
        foreach (var summary in await definitions.ListAsync(cancellationToken))
        {
            if (summary.Kind != DefinitionKinds.View || summary.LatestVersion is null)
            {
                continue;
            }

            var version = await definitions.GetVersionAsync(DefinitionKinds.View, summary.Key, null, cancellationToken);
            var view = version is null ? null : DefinitionJson.Deserialize<ViewDefinition>(version.Json);
            if (view?.Form == formKey)
            {
                views.Add(new RecordView(view.Key, true, view));
            }
        }

        views.AddRange(await savedViews.ListAsync(user.Id, formKey, cancellationToken));
        return views;
    }

    /// <summary>Saves the current filter, sort and columns as a view of the user's own.</summary>
    public async Task<RecordView> SaveViewAsync(
        UserContext user, string formKey, string name, Condition? filter, IReadOnlyList<SortOrder> sort,
        IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidInputException("A saved view needs a name; type one and save again.", nameof(name));
        }

        await RequireFormAsync(formKey, cancellationToken);
        var view = new ViewDefinition
        {
            Key = "saved",
            Name = new Definitions.LocalizedText(name.Trim()),
            Form = formKey,
            Filter = filter,
            Sort = [.. sort],
            Columns = [.. columns],
        };
        return await savedViews.SaveAsync(user.Id, view, cancellationToken);
    }

    /// <summary>
    /// Writes the records the user may export, matching <paramref name="filter"/>, to
    /// <paramref name="output"/>; returns the row count.
    /// </summary>
    public async Task<long> ExportAsync(
        UserContext user, string formKey, RecordExportFormat format, Condition? filter, Stream output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await RequireFormAsync(formKey, cancellationToken);
        var culture = CultureInfo.GetCultureInfo(user.Culture);
        var count = await TranslateAsync(() => format == RecordExportFormat.Xlsx
            ? exporter.ExportExcelAsync(user.Id, formKey, output, culture, filter, cancellationToken)
            : exporter.ExportCsvAsync(user.Id, formKey, output, culture, filter, cancellationToken));
        RecordLog.Exported(logger, user.Id, count, formKey, format.ToString());
        return count;
    }

    /// <summary>Whether the user has an export rule on the form.</summary>
    public async Task<bool> CanExportAsync(UserContext user, string formKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await reader.ResolveAsync(user.Id, formKey, PermissionActions.Export, cancellationToken)).IsGranted;
    }

    private async Task RequireFormAsync(string formKey, CancellationToken cancellationToken)
    {
        if (await setup.EnsureFormAsync(formKey, cancellationToken) is null)
        {
            throw new InvalidInputException(UnknownFormText, nameof(formKey), formKey);
        }
    }

    private static async Task<T> TranslateAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (UnauthorizedAccessException denied)
        {
            throw new AccessDeniedException(denied.Message, denied);
        }
        catch (NotSupportedException unsupported)
        {
            throw new ArgumentException(unsupported.Message, unsupported);
        }
    }
}
