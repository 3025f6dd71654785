namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Writes forecast CSV to a file through a temporary file in the same folder, which replaces the target only once it
/// is complete. A failed or cancelled write therefore leaves an existing file unchanged and no partial file behind.
/// </summary>
internal static class ForecastFile
{
    /// <summary>Opens a new file for writing; the default for <see cref="WriteAsync"/>.</summary>
    public static Stream CreateNew(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write);

    /// <exception cref="IOException">The folder is missing or a write failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static async Task WriteAsync(
        string path,
        IReadOnlyList<SeriesForecast> forecasts,
        Func<string, Stream> open,
        CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = open(temporary);
            await using (stream.ConfigureAwait(false))
            {
                var writer = new StreamWriter(stream);
                await using (writer.ConfigureAwait(false))
                {
                    await ForecastCsvWriter.WriteAsync(writer, forecasts, cancellationToken).ConfigureAwait(false);
                }
            }

            // On one file system the rename is atomic, so readers see the old file or the whole new one.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
