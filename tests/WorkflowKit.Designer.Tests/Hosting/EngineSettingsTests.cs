using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Hosting;

/// <summary>The engine settings an administrator sets under WorkflowKit:Engine.</summary>
[TestFixture]
public sealed class EngineSettingsTests
{
    [Test]
    public async Task Designer_AppliesHttpSettings()
    {
        var settings = new Dictionary<string, string>
        {
            ["WorkflowKit:Engine:HttpAllowedHosts:0"] = "erp.internal",
            ["WorkflowKit:Engine:HttpAllowedHosts:1"] = "10.0.0.5:8443",
            ["WorkflowKit:Engine:MaxHttpReplyBytes"] = "5242880",
        };
        await using var app = new DesignerAppFactory(settings: settings);
        using var client = app.CreateClient();

        var options = app.Services.GetRequiredService<WorkflowEngine>().Options;

        Assert.That(options.HttpAllowedHosts, Is.EqualTo(new[] { "erp.internal", "10.0.0.5:8443" }));
        Assert.That(options.MaxHttpReplyBytes, Is.EqualTo(5_242_880));
    }

    [Test]
    public void Apply_Unset_KeepsDefaults()
    {
        var options = new EngineOptions();

        EngineSettings.Apply(Configuration([]), options);

        Assert.That(options.HttpAllowedHosts, Is.EqualTo(new[] { "127.0.0.1", "localhost", "[::1]" }));
        Assert.That(options.MaxHttpReplyBytes, Is.EqualTo(1_048_576));
    }

    [TestCase("WorkflowKit:Engine:MaxHttpReplyBytes", "1MB",
        "WorkflowKit:Engine:MaxHttpReplyBytes is \"1MB\", but it must be a whole number of bytes greater than 0, " +
        "such as 1048576 for 1 MiB.")]
    [TestCase("WorkflowKit:Engine:MaxHttpReplyBytes", "0",
        "WorkflowKit:Engine:MaxHttpReplyBytes is \"0\", but it must be a whole number of bytes greater than 0, " +
        "such as 1048576 for 1 MiB.")]
    [TestCase("WorkflowKit:Engine:HttpAllowedHosts:0", "https://erp.internal/api",
        "WorkflowKit:Engine:HttpAllowedHosts:0 is \"https://erp.internal/api\", but it must be a host name or " +
        "address, optionally with a port (erp.internal, erp.internal:8443, 10.0.0.5, [fd00::5]:8080), or * for any " +
        "host. Remove the scheme and path.")]
    public void Apply_InvalidValue_Throws(string key, string value, string expected)
    {
        var configuration = Configuration(new Dictionary<string, string?> { [key] = value });

        Assert.That(() => EngineSettings.Apply(configuration, new EngineOptions()),
            Throws.TypeOf<EngineSettingsException>().With.Message.EqualTo(expected));
    }

    [Test]
    public void Apply_EveryKey_SetsItsOption()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["WorkflowKit:Engine:TimeZone"] = "Europe/Berlin",
            ["WorkflowKit:Engine:Lease"] = "00:05:00",
            ["WorkflowKit:Engine:PollInterval"] = "00:00:00.5",
            ["WorkflowKit:Engine:BatchSize"] = "20",
            ["WorkflowKit:Engine:RunnerId"] = "node-a",
            ["WorkflowKit:Engine:TriggerRefreshInterval"] = "00:01:00",
            ["WorkflowKit:Engine:RetryAttempts"] = "5",
            ["WorkflowKit:Engine:RetryBackoff"] = "00:00:10",
            ["WorkflowKit:Engine:MaxNodesPerStep"] = "200",
            ["WorkflowKit:Engine:MaxQueryRows"] = "500",
            ["WorkflowKit:Engine:UrgeInterval"] = "00:00:00",
            ["WorkflowKit:Engine:HttpTimeout"] = "00:01:30",
            ["WorkflowKit:Engine:HttpAllowedHosts:0"] = "erp.internal",
            ["WorkflowKit:Engine:MaxHttpReplyBytes"] = "2048",
        });
        var options = new EngineOptions();

        EngineSettings.Apply(configuration, options);

        Assert.That(options.TimeZone, Is.EqualTo("Europe/Berlin"));
        Assert.That(options.Lease, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(options.PollInterval, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(options.BatchSize, Is.EqualTo(20));
        Assert.That(options.RunnerId, Is.EqualTo("node-a"));
        Assert.That(options.TriggerRefreshInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(options.RetryAttempts, Is.EqualTo(5));
        Assert.That(options.RetryBackoff, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(options.MaxNodesPerStep, Is.EqualTo(200));
        Assert.That(options.MaxQueryRows, Is.EqualTo(500));
        Assert.That(options.UrgeInterval, Is.EqualTo(TimeSpan.Zero));
        Assert.That(options.HttpTimeout, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(options.HttpAllowedHosts, Is.EqualTo(new[] { "erp.internal" }));
        Assert.That(options.MaxHttpReplyBytes, Is.EqualTo(2048));
    }

    [TestCase("WorkflowKit:Engine:PollInterval", "2",
        "WorkflowKit:Engine:PollInterval is \"2\", but it must be a duration written as hh:mm:ss (or d.hh:mm:ss) of " +
        "at least 00:00:00.1000000, such as 00:00:30 for 30 seconds.")]
    [TestCase("WorkflowKit:Engine:Lease", "00:00:00",
        "WorkflowKit:Engine:Lease is \"00:00:00\", but it must be a duration written as hh:mm:ss (or d.hh:mm:ss) of " +
        "at least 00:00:01, such as 00:00:30 for 30 seconds.")]
    [TestCase("WorkflowKit:Engine:BatchSize", "fifty",
        "WorkflowKit:Engine:BatchSize is \"fifty\", but it must be a whole number greater than 0, such as 50.")]
    [TestCase("WorkflowKit:Engine:MaxQueryRows", "3000000000",
        "WorkflowKit:Engine:MaxQueryRows is \"3000000000\", but it must be a whole number greater than 0, such as " +
        "10000.")]
    [TestCase("WorkflowKit:Engine:RetryAttempts", "0",
        "WorkflowKit:Engine:RetryAttempts is \"0\", but it must be a whole number greater than 0, such as 3.")]
    [TestCase("WorkflowKit:Engine:TimeZone", "China/Beijing",
        "WorkflowKit:Engine:TimeZone is \"China/Beijing\", but this machine has no such time zone. Use an IANA id " +
        "such as Asia/Shanghai.")]
    [TestCase("WorkflowKit:Engine:RunnerId", " ",
        "WorkflowKit:Engine:RunnerId is empty. Give it a value or remove the key to keep the default.")]
    [TestCase("WorkflowKit:Engine:HttpTimeout", "00:05:00",
        "WorkflowKit:Engine:Lease is 00:02:00, but it must be longer than WorkflowKit:Engine:HttpTimeout (00:05:00), " +
        "because another node may take a claimed timer or message once its lease ends. Raise the lease or lower the " +
        "timeout.")]
    [TestCase("WorkflowKit:Engine:PollIntervall", "00:00:05",
        "WorkflowKit:Engine:PollIntervall is not an engine setting. Check its spelling; the settings are TimeZone, " +
        "Lease, PollInterval, BatchSize, RunnerId, TriggerRefreshInterval, RetryAttempts, RetryBackoff, " +
        "MaxNodesPerStep, MaxQueryRows, UrgeInterval, HttpTimeout, HttpAllowedHosts, MaxHttpReplyBytes.")]
    [TestCase("WorkflowKit:Engine:HttpAllowedHosts", "erp.internal",
        "WorkflowKit:Engine:HttpAllowedHosts is \"erp.internal\", but it must be a list. Set " +
        "WorkflowKit:Engine:HttpAllowedHosts:0, WorkflowKit:Engine:HttpAllowedHosts:1 and so on " +
        "(WorkflowKit__Engine__HttpAllowedHosts__0 in environment variables).")]
    public void Apply_InvalidSetting_NamesKey(string key, string value, string expected)
    {
        var configuration = Configuration(new Dictionary<string, string?> { [key] = value });

        Assert.That(() => EngineSettings.Apply(configuration, new EngineOptions()),
            Throws.TypeOf<EngineSettingsException>().With.Message.EqualTo(expected));
    }

    [Test]
    public async Task Designer_InvalidSettings_ExitWithLines()
    {
        var folder = Directory.CreateTempSubdirectory("wk-settings-").FullName;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var project = Path.Combine(RepositoryRoot(), "designer", "WorkflowKit.Designer");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(project, "bin", configuration, "net10.0", "WorkflowKit.Designer.dll"),
                     "--urls", "http://127.0.0.1:0",
                     "--WorkflowKit:Storage:ConnectionString", Path.Combine(folder, "designer.db"),
                     "--WorkflowKit:Engine:PollInterval", "abc",
                     "--WorkflowKit:Engine:BatchSize", "0",
                     "--WorkflowKit:Engine:TimeZone", "Asia/Shangai",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var designer = Process.Start(start)!;
            var output = designer.StandardOutput.ReadToEndAsync();
            var error = designer.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await designer.WaitForExitAsync(timeout.Token);
            var text = await output + await error;

            Assert.That(designer.ExitCode, Is.EqualTo(1), text);
            Assert.That(text, Does.Contain("WorkflowKit:Engine:TimeZone is \"Asia/Shangai\""));
            Assert.That(text, Does.Contain("WorkflowKit:Engine:PollInterval is \"abc\""));
            Assert.That(text, Does.Contain("WorkflowKit:Engine:BatchSize is \"0\""));
            Assert.That(text, Does.Not.Contain("Unhandled exception"));
            Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.Exists(Path.Combine(folder, "designer.db")), Is.False, "the start stops before the database");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Apply_ManyInvalid_ListsEach()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["WorkflowKit:Engine:TimeZone"] = "Asia/Shangai",
            ["WorkflowKit:Engine:PollInterval"] = "abc",
            ["WorkflowKit:Engine:BatchSize"] = "0",
            ["WorkflowKit:Engine:MaxQueryRows"] = "99999999999",
            ["WorkflowKit:Engine:Lease"] = "00:00:05",
            ["WorkflowKit:Engine:HttpTimeout"] = "00:01:00",
        });

        var error = Assert.Throws<EngineSettingsException>(() => EngineSettings.Apply(configuration, new EngineOptions()));

        Assert.That(error!.Problems, Has.Count.EqualTo(5));
        Assert.That(error.Problems[0], Does.StartWith("WorkflowKit:Engine:TimeZone is \"Asia/Shangai\""));
        Assert.That(error.Problems[1], Does.StartWith("WorkflowKit:Engine:PollInterval is \"abc\""));
        Assert.That(error.Problems[2], Does.StartWith("WorkflowKit:Engine:BatchSize is \"0\""));
        Assert.That(error.Problems[3], Does.StartWith("WorkflowKit:Engine:MaxQueryRows is \"99999999999\""));
        Assert.That(error.Problems[4], Does.StartWith("WorkflowKit:Engine:Lease is 00:00:05"));
    }

    [Test]
    public void Deployment_doc_lists_every_key()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "deployment.md"));

        var documented = System.Text.RegularExpressions.Regex.Matches(doc, @"^\| `WorkflowKit:Engine:(\w+)`",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value)
            .ToList();

        Assert.That(documented, Is.EqualTo(EngineSettings.Keys));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("WorkflowKit.sln not found above the tests.");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
