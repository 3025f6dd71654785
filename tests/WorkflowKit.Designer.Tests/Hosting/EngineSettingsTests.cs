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
            Throws.InvalidOperationException.With.Message.EqualTo(expected));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
