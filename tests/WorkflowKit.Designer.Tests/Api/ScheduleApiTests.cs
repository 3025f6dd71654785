using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>GET /api/definitions/flows/{key}/schedules</c> and <c>POST /api/definitions/flows/{key}/run</c> on a designer at
/// 127.0.0.1 with a fake clock: a process owner reads when the watch runs next and runs it now, as themselves.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ScheduleApiTests
{
    // 09:00 in Shanghai, so the watch's 02:00 runs are at 18:00 UTC.
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Schedules_list_words_and_next_runs()
    {
        await using var factory = await StartAsync();
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        var overview = await owner.GetFromJsonAsync<JsonObject>(
            $"/api/definitions/flows/{WatchDefinitions.FlowKey}/schedules?runs=2");

        var schedule = overview!["schedules"]![0]!;
        Assert.That((int?)overview["flowVersion"], Is.EqualTo(1));
        Assert.That((string?)schedule["cron"], Is.EqualTo(WatchDefinitions.Cron));
        Assert.That((string?)schedule["timeZone"], Is.EqualTo("Asia/Shanghai"));
        Assert.That((string?)schedule["description"]?["zh-CN"], Is.EqualTo("每天 02:00"));
        Assert.That((string?)schedule["description"]?["en"], Is.EqualTo("Every day at 02:00"));
        var nextRuns = schedule["nextRuns"]!.AsArray()
            .Select(run => DateTimeOffset.Parse((string)run!, CultureInfo.InvariantCulture));
        Assert.That(nextRuns, Is.EqualTo(new[]
        {
            new DateTimeOffset(2025, 3, 3, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 4, 18, 0, 0, TimeSpan.Zero),
        }));
        Assert.That(overview["lastRun"], Is.Null);
    }

    [Test]
    public async Task Run_now_starts_as_caller()
    {
        await using var factory = await StartAsync();
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        using var response = await owner.PostAsync($"/api/definitions/flows/{WatchDefinitions.FlowKey}/run", null);

        var started = await response.Content.ReadFromJsonAsync<JsonObject>();
        var overview = await owner.GetFromJsonAsync<JsonObject>(
            $"/api/definitions/flows/{WatchDefinitions.FlowKey}/schedules");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), started?.ToJsonString());
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/instances/{(string?)started!["id"]}"));
        Assert.That((string?)started["initiatorId"], Is.EqualTo("owner"));
        Assert.That((string?)overview!["lastRun"]?["id"], Is.EqualTo((string?)started["id"]));
        Assert.That((bool?)overview["lastRunByHand"], Is.True);
        Assert.That(overview["schedules"]![0]!["nextRuns"]!.AsArray(), Has.Count.EqualTo(5));
        Assert.That(DateTimeOffset.Parse((string)overview["schedules"]![0]!["nextRuns"]![0]!, CultureInfo.InvariantCulture),
            Is.EqualTo(new DateTimeOffset(2025, 3, 3, 18, 0, 0, TimeSpan.Zero)), "a run now leaves the schedule as it was");
    }

    [Test]
    public async Task Sales_user_gets_403()
    {
        await using var factory = await StartAsync();
        using var sales = await LoopbackClients.ForAsync(factory, "sales1");

        using var read = await sales.GetAsync($"/api/definitions/flows/{WatchDefinitions.FlowKey}/schedules");
        using var run = await sales.PostAsync($"/api/definitions/flows/{WatchDefinitions.FlowKey}/run", null);

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Flow_without_schedule_is_409()
    {
        await using var factory = await StartAsync();
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var owner = await LoopbackClients.ForAsync(factory, "owner", "en");

        using var run = await owner.PostAsync($"/api/definitions/flows/{OrderDefinitions.FlowKey}/run", null);
        var overview = await owner.GetFromJsonAsync<JsonObject>(
            $"/api/definitions/flows/{OrderDefinitions.FlowKey}/schedules");

        var problem = await run.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string?)problem!["detail"], Is.EqualTo(
            $"Flow '{OrderDefinitions.FlowKey}' version 1 has no schedule trigger, so it cannot run as a scheduled " +
            "flow. Start it from its form or the API instead."));
        Assert.That(overview!["schedules"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Api_start_of_watch_is_403()
    {
        await using var factory = await StartAsync();
        using var sales = await LoopbackClients.ForAsync(factory, "sales1");
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        using var start = await sales.PostAsJsonAsync(
            "/api/instances", new JsonObject { ["flowKey"] = WatchDefinitions.FlowKey, ["data"] = new JsonObject() });
        using var ownerStart = await owner.PostAsJsonAsync(
            "/api/instances", new JsonObject { ["flowKey"] = WatchDefinitions.FlowKey, ["data"] = new JsonObject() });
        var overview = await owner.GetFromJsonAsync<JsonObject>(
            $"/api/definitions/flows/{WatchDefinitions.FlowKey}/schedules");

        var problem = await start.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((string?)problem!["detail"], Does.StartWith(
            $"Flow '{WatchDefinitions.FlowKey}' cannot be started by hand: its triggers are schedule, and it has no " +
            "form or api trigger"));
        Assert.That((string?)problem["detail"], Does.Contain(
            $"Run now (POST /api/definitions/flows/{WatchDefinitions.FlowKey}/run)"));
        Assert.That(ownerStart.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the trigger rule binds owners too");
        Assert.That(overview!["lastRun"], Is.Null, "the rejected starts left no instance");
    }

    [Test]
    public async Task Unknown_flow_and_bad_count_rejected()
    {
        await using var factory = await StartAsync();
        using var owner = await LoopbackClients.ForAsync(factory, "owner", "en");

        using var unknown = await owner.GetAsync("/api/definitions/flows/no-such-flow/schedules");
        using var unknownRun = await owner.PostAsync("/api/definitions/flows/no-such-flow/run", null);
        using var badCount = await owner.GetAsync($"/api/definitions/flows/{WatchDefinitions.FlowKey}/schedules?runs=0");

        var problem = await badCount.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknownRun.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(badCount.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["detail"], Is.EqualTo(
            "runs must be 1 to 50, got 0; it is the number of next run times per schedule."));
    }

    private static async Task<DesignerAppFactory> StartAsync()
    {
        var factory = new DesignerAppFactory(kestrel: true, clock: new FakeTimeProvider(Now));
        factory.StartServer();
        await WatchDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>());
        return factory;
    }
}
