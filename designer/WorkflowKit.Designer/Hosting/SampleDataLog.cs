namespace WorkflowKit.Designer.Hosting;

/// <summary>Log messages of the first-run sample load; event ids 5060-5069.</summary>
internal static partial class SampleDataLog
{
    [LoggerMessage(EventId = 5060, Level = LogLevel.Information,
        Message = "Loaded the sample data: {Accounts} accounts, {Records} records, {Reviews} credit reviews and "
            + "{Orders} orders started, in {Elapsed}")]
    public static partial void Loaded(ILogger logger, int accounts, long records, int reviews, int orders, TimeSpan elapsed);

    [LoggerMessage(EventId = 5061, Level = LogLevel.Warning,
        Message = "No sample data at {Folder}; the database starts empty. Set WorkflowKit:SamplesPath to the samples/data folder")]
    public static partial void Missing(ILogger logger, string folder);

    [LoggerMessage(EventId = 5062, Level = LogLevel.Information,
        Message = "The database already has accounts; the sample data is not loaded again")]
    public static partial void Skipped(ILogger logger);

    [LoggerMessage(EventId = 5063, Level = LogLevel.Information,
        Message = "Loading the sample data from {Folder} and starting a few credit reviews and orders. This can take "
            + "a few minutes on a busy machine, and a line follows for each file imported")]
    public static partial void Loading(ILogger logger, string folder);

    [LoggerMessage(EventId = 5064, Level = LogLevel.Information,
        Message = "Imported sample file {File} into form {Form}: {Rows} rows, {Elapsed} since the load began")]
    public static partial void FileImported(ILogger logger, string file, string form, long rows, TimeSpan elapsed);
}
