namespace WorkflowKit.Designer.Admin;

/// <summary>
/// An uploaded import file saved to a temporary path, so that the preview and the import each
/// read it from the start. Disposing deletes the file.
/// </summary>
public sealed class ImportFile : IDisposable
{
    /// <summary>Maximum upload size: 50 MB.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    private ImportFile(string path, string name)
    {
        Path = path;
        Name = name;
    }

    public string Path { get; }

    /// <summary>The file name as uploaded, for messages.</summary>
    public string Name { get; }

    public bool IsExcel => Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/> ends in .csv or .xlsx, the kinds of file the import reads.</summary>
    public static bool IsSupported(string name) =>
        System.IO.Path.GetExtension(name).ToLowerInvariant() is ".csv" or ".xlsx";

    /// <exception cref="InvalidDataException">The file is neither .csv nor .xlsx.</exception>
    public static async Task<ImportFile> SaveAsync(Stream content, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = System.IO.Path.GetExtension(name).ToLowerInvariant();
        if (!IsSupported(name))
        {
            throw new InvalidDataException(
                $"File \"{name}\" is not a .csv or .xlsx file; save it from Excel as CSV or as an Excel workbook.");
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wk-import-{Guid.NewGuid():N}{extension}");
        await using (var file = File.Create(path))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        return new ImportFile(path, name);
    }

    public void Dispose() => File.Delete(Path);
}
