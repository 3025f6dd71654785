using WorkflowKit.Files;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>workflowkit records import</c> with attachment cells: a file that does not exist or does not fit its field is a
/// row error that names the file, row, column and field, and a bad row imports nothing unless rows may be skipped.
/// </summary>
public sealed class RecordFileImportCommandTests
{
    private const string Package = """
        {
          "formatVersion": 1, "kind": "package", "key": "visit-log", "name": { "zh-CN": "拜访", "en": "Visits" },
          "version": "1.0.0",
          "forms": ["forms/visit-log.json"],
          "flows": []
        }
        """;

    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "visit-log", "name": { "zh-CN": "拜访记录", "en": "Visit log" },
          "fields": [
            { "id": "customer", "type": "text", "label": { "zh-CN": "客户", "en": "Customer" }, "required": true },
            { "id": "contract", "type": "attachment", "label": { "zh-CN": "合同", "en": "Contract" },
              "multiple": true, "accept": [".pdf"], "maxSize": 1024 }
          ]
        }
        """;

    private const string KnownFileId = "0123456789abcdef0123456789abcdef";

    private const string MissingFileId = "fedcba9876543210fedcba9876543210";

    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var package = Path.Combine(_folder, "package");
        Directory.CreateDirectory(Path.Combine(package, "forms"));
        await File.WriteAllTextAsync(Path.Combine(package, "package.json"), Package);
        await File.WriteAllTextAsync(Path.Combine(package, "forms", "visit-log.json"), Form);
        var imported = await CliRun.RunAsync("import", package, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Output + imported.Error);

        await using var stores = await DatabaseFactory.OpenStoresAsync(Db, TimeProvider.System, CancellationToken.None);
        var content = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        await stores.Files.InsertAsync(
            new StoredFile(KnownFileId, "contract.pdf", "application/pdf", content.Length, new string('0', 64), "sales1",
                new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero)),
            content, CancellationToken.None);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Missing_file_is_row_error()
    {
        var file = await WriteCsvAsync(
            ("协和医院", Reference(KnownFileId, "contract.pdf")), ("瑞金医院", Reference(MissingFileId, "gone.pdf")));

        var run = await CliRun.RunAsync("records", "import", "visit-log", file, "--db", Db);

        var errors = ErrorLines(run);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(errors, Has.Length.EqualTo(1), run.Error);
        Assert.That(errors[0], Does.StartWith("visits.csv row 3, column \"contract\" (contract): "));
        Assert.That(errors[0], Does.Contain(MissingFileId).And.Contain("does not exist"));
        Assert.That(run.OutputLines[^1], Is.EqualTo(
            "Imported nothing into 'visit-log': 1 of 2 rows were rejected. Fix them, or pass --skip-bad-rows to " +
            "import the others."));
        Assert.That(await RecordCountAsync(), Is.Zero, "nothing is written while a row is bad");
    }

    [Test]
    public async Task Skipped_file_row_keeps_good_rows()
    {
        var file = await WriteCsvAsync(
            ("协和医院", Reference(KnownFileId, "contract.pdf")), ("瑞金医院", Reference(MissingFileId, "gone.pdf")));

        var run = await CliRun.RunAsync("records", "import", "visit-log", file, "--db", Db, "--skip-bad-rows");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(ErrorLines(run), Has.Length.EqualTo(1), run.Error);
        Assert.That(run.OutputLines[^1], Is.EqualTo("Imported 1 of 2 rows into 'visit-log' (1 rejected)."));
        Assert.That(await RecordCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task File_against_field_limits_is_row_error()
    {
        var file = await WriteCsvAsync(("协和医院", Reference(KnownFileId, "renamed.pdf")));

        var run = await CliRun.RunAsync("records", "import", "visit-log", file, "--db", Db);

        var errors = ErrorLines(run);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(errors, Has.Length.EqualTo(1), run.Error);
        Assert.That(errors[0], Does.StartWith("visits.csv row 2, column \"contract\" (contract): "));
        Assert.That(errors[0], Does.Contain("differs from the upload"));
    }

    private static string Reference(string id, string name) =>
        $"[{{\"id\":\"{id}\",\"name\":\"{name}\"}}]";

    private static string[] ErrorLines(CliRun run) =>
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<string> WriteCsvAsync(params (string Customer, string Contract)[] rows)
    {
        var path = Path.Combine(_folder, "visits.csv");
        var lines = rows.Select(row => $"{row.Customer},\"{row.Contract.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        await File.WriteAllTextAsync(path, "customer,contract\n" + string.Join("\n", lines) + "\n");
        return path;
    }

    private async Task<long> RecordCountAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM records WHERE form_key = 'visit-log'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
