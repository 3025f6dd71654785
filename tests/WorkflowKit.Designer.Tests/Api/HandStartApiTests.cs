using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>POST /api/instances</c> and <c>GET /api/startable-flows</c> on a designer at 127.0.0.1 agree on which flows a
/// person may start: a flow whose triggers are only record triggers is neither listed nor started.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class HandStartApiTests
{
    private const string RecordFlow = "order-watch";
    private const string ApiFlow = "order-by-api";

    [Test]
    public async Task Record_triggered_flow_is_403()
    {
        await using var factory = await StartAsync();
        using var sales = await LoopbackClients.ForAsync(factory, "sales1");

        using var start = await sales.PostAsJsonAsync("/api/instances", Start(RecordFlow));

        var problem = await start.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((string?)problem!["detail"], Is.EqualTo(
            $"Flow '{RecordFlow}' cannot be started by hand: its triggers are record, and it has no form or api " +
            "trigger, so only the engine starts it. To let people start it, add an api or form trigger to the flow " +
            "and publish it."));
    }

    [Test]
    public async Task Startable_flows_match_starts()
    {
        await using var factory = await StartAsync();
        using var sales = await LoopbackClients.ForAsync(factory, "sales1");

        var startable = await sales.GetFromJsonAsync<JsonArray>("/api/startable-flows");
        var keys = startable!.Select(flow => (string?)flow!["flowKey"]).ToList();
        using var apiStart = await sales.PostAsJsonAsync("/api/instances", Start(ApiFlow));

        Assert.That(keys, Does.Contain(ApiFlow));
        Assert.That(keys, Does.Contain(OrderDefinitions.FlowKey), "a flow without triggers starts by hand");
        Assert.That(keys, Does.Not.Contain(RecordFlow));
        Assert.That(apiStart.StatusCode, Is.EqualTo(HttpStatusCode.Created), await apiStart.Content.ReadAsStringAsync());
    }

    private static JsonObject Start(string flowKey) => new()
    {
        ["flowKey"] = flowKey,
        ["data"] = new JsonObject { ["customer"] = "瑞金医院", ["region"] = "east", ["total"] = 1000m },
    };

    private static async Task<DesignerAppFactory> StartAsync()
    {
        var factory = new DesignerAppFactory(kestrel: true);
        factory.StartServer();
        var definitions = factory.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishAsync(definitions, RecordFlow, new TriggerDefinition
        {
            Type = TriggerTypes.Record, Form = OrderDefinitions.FormKey, On = ["updated"],
        });
        await PublishAsync(definitions, ApiFlow, new TriggerDefinition { Type = TriggerTypes.Api });
        return factory;
    }

    private static async Task PublishAsync(IDefinitionService definitions, string key, TriggerDefinition trigger)
    {
        var flow = OrderDefinitions.Flow();
        flow.Key = key;
        flow.Triggers = [trigger];
        await definitions.SaveDraftAsync(DefinitionKind.Flow, key, DefinitionJson.Serialize(flow), null, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, key, "owner", null, default);
        if (!result.Published)
        {
            throw new InvalidOperationException(
                $"Flow {key} did not publish: " + string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        }
    }
}
