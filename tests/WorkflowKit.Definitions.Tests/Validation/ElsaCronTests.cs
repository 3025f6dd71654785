using System.Text;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// The cron expressions of the Elsa 3 exports in the shared data, placed in our schedule
/// trigger: the one Elsa rejects must be rejected here too, the valid timer schedules accepted.
/// </summary>
public sealed class ElsaCronTests
{
    [Test]
    public async Task Elsa_bad_cron_is_rejected_in_schedule_trigger()
    {
        var cron = await ReadCronAsync("bad-cron-expression.json");

        var report = Validate(cron);

        Assert.That(
            report.Diagnostics.Select(diagnostic => (diagnostic.Code, diagnostic.Pointer)),
            Does.Contain((DiagnosticCodes.InvalidCron, "/triggers/0/cron")));
        Assert.That(report.Diagnostics.Single(diagnostic => diagnostic.Code == DiagnosticCodes.InvalidCron).Message,
            Does.Contain($"\"{cron}\""));
    }

    [TestCase("0 * * * *")]
    [TestCase("*/15 8-18 * * 1-5")]
    public void Valid_five_field_cron_is_accepted(string cron)
    {
        var report = Validate(cron);

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.Code),
            Does.Not.Contain(DiagnosticCodes.InvalidCron));
    }

    private static async Task<string> ReadCronAsync(string file)
    {
        var path = SharedData.Require("workflows", "elsa3", file);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var cron = root["root"]!["activities"]!.AsArray()
            .Select(activity => activity!["cronExpression"]?["expression"]?["value"]?.GetValue<string>())
            .Single(value => value is not null);
        return cron!;
    }

    private static ValidationReport Validate(string cron)
    {
        var flow = new JsonObject
        {
            ["formatVersion"] = 1,
            ["kind"] = "flow",
            ["key"] = "hourly",
            ["name"] = "Hourly",
            ["triggers"] = new JsonArray(new JsonObject { ["type"] = "schedule", ["cron"] = cron }),
            ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "start" },
                new JsonObject { ["id"] = "end", ["type"] = "end" }),
            ["edges"] = new JsonArray(new JsonObject { ["id"] = "e1", ["from"] = "start", ["to"] = "end" }),
        };
        return DefinitionValidator.Validate([JsonSourceReader.Read("hourly.json",
            Encoding.UTF8.GetBytes(flow.ToJsonString()))]);
    }
}
