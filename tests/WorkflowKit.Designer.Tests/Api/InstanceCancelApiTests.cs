using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>POST /api/instances/{id}/cancel</c> on a server on 127.0.0.1: an administrator cancels a running instance with a
/// reason; others get 403, a missing reason 400, an ended instance 409, and the OpenAPI document lists the endpoint.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class InstanceCancelApiTests
{
    [Test]
    public async Task Admin_cancels_with_reason()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var admin = await LoopbackClients.ForAsync(factory, "admin");
        var id = await StartAsync(sales1);

        using var cancelled = await admin.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "客户已停业" });
        using var again = await admin.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "again" });
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{id}"))!;

        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await cancelled.Content.ReadAsStringAsync());
        Assert.That((int?)detail["summary"]?["state"], Is.EqualTo((int)InstanceState.Cancelled), detail.ToJsonString());
        var cancelLine = detail["audit"]!.AsArray().Single(line => (string?)line!["action"] == "instance.cancelled")!;
        Assert.That((string?)cancelLine["userId"], Is.EqualTo("admin"));
        Assert.That((string?)cancelLine["comment"], Is.EqualTo("客户已停业"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await again.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Cancel_needs_admin_and_reason()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var admin = await LoopbackClients.ForAsync(factory, "admin", "en");
        var id = await StartAsync(sales1);

        using var byInitiator = await sales1.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "mine" });
        using var noReason = await admin.PostAsJsonAsync($"/api/instances/{id}/cancel", new { reason = "  " });
        using var unknown = await admin.PostAsJsonAsync(
            "/api/instances/0123456789abcdef0123456789abcdef/cancel", new { reason = "gone" });
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{id}"))!;

        Assert.That(byInitiator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await DetailAsync(byInitiator), Is.EqualTo(
            $"只有管理员可以取消流程实例 {id}，sales1 不能取消；发起人可以改为撤回。"));
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(noReason), Does.StartWith($"Give a reason to cancel instance {id}"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((int?)detail["summary"]?["state"], Is.EqualTo((int)InstanceState.Running));
    }

    [Test]
    public async Task OpenApi_lists_cancel()
    {
        await using var factory = await StartServerAsync();
        using var admin = await LoopbackClients.ForAsync(factory, "admin");

        var document = (await admin.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json"))!;

        var operation = document["paths"]?["/api/instances/{id}/cancel"]?["post"];
        Assert.That(operation, Is.Not.Null);
        Assert.That(operation!["responses"]!.AsObject().Select(pair => pair.Key),
            Is.SupersetOf(new[] { "204", "400", "403", "404", "409" }));
    }

    private static async Task<DesignerAppFactory> StartServerAsync()
    {
        var factory = new DesignerAppFactory(kestrel: true);
        await FileDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        return factory;
    }

    private static async Task<string> StartAsync(HttpClient client)
    {
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(FileDefinitions.Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "file", "contract.pdf");
        body.Add(new StringContent(FileDefinitions.FormKey), "form");
        body.Add(new StringContent("contract"), "field");
        using var uploaded = await client.PostAsync("/api/files", body);
        var reference = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        using var started = await client.PostAsJsonAsync("/api/instances", new JsonObject
        {
            ["flowKey"] = FileDefinitions.FlowKey,
            ["data"] = new JsonObject { ["customer"] = "协和医院", ["contract"] = new JsonArray(reference) },
        });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created), await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["detail"];
}
