using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// Problem replies that a client can act on, against a designer on 127.0.0.1: an upload too large or in the wrong
/// parts, messages without .NET parameter names, 404s with a <c>detail</c>, and a field permission breach by field in
/// the caller's language. The demo users read the portal in Chinese, so their messages are in Chinese.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ApiProblemReplyTests
{
    private const string UploadLimit = "101 MB";

    [Test]
    public async Task Upload_over_declared_limit_is_413()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        var key = sales1.DefaultRequestHeaders.GetValues("X-Api-Key").Single();

        // Only the headers and the first bytes are sent: the server replies from Content-Length before it reads more.
        var (status, body) = await SendRawAsync(factory.Port,
            "POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + key + "\r\n" +
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 200000000\r\nConnection: close\r\n\r\n--b\r\n");
        var problem = JsonNode.Parse(body)!.AsObject();

        Assert.That(status, Is.EqualTo(413), body);
        Assert.That((string?)problem["detail"], Is.EqualTo(
            $"上传请求超过上限 {UploadLimit}（字段的 maxSize 最大可设为 100 MB）；请压缩或拆分文件，每次请求只上传一个文件"));
        Assert.That((long?)problem["maxRequestBytes"], Is.EqualTo(101L * 1024 * 1024));
    }

    [Test]
    public async Task Upload_streamed_over_limit_is_413()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(FileDefinitions.FormKey), "form");
        body.Add(new StringContent("contract"), "field");
        body.Add(new ZeroContent(102L * 1024 * 1024), "file", "big.pdf");

        // Chunked, so the server learns the size only while it reads the body.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/files") { Content = body };
        request.Headers.TransferEncodingChunked = true;
        using var response = await sales1.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await DetailAsync(response), Does.StartWith($"上传请求超过上限 {UploadLimit}"));
    }

    [Test]
    public async Task Upload_parts_are_checked()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        using var otherName = await PostAsync(sales1, [("doc", "a.pdf")]);
        using var twoFiles = await PostAsync(sales1, [("file", "a.pdf"), ("file", "b.pdf")]);
        using var noName = await PostAsync(sales1, [("file", "")]);
        using var onlyExtension = await PostAsync(sales1, [("file", ".pdf")]);
        using var missing = await PostAsync(sales1, []);

        Assert.That(otherName.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(otherName), Is.EqualTo(
            "文件放在了名为 \"doc\" 的部分中；只接受名为 \"file\" 的部分，请把文件部分改名为 \"file\""));
        Assert.That(twoFiles.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(twoFiles), Is.EqualTo(
            "请求中有 2 个名为 \"file\" 的部分，每次只能上传一个文件；请分 2 次上传，每次得到一个文件引用"));
        Assert.That(noName.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(noName), Is.EqualTo(
            "名为 \"file\" 的部分没有文件名；请在 Content-Disposition 中给出文件名，如 filename=\"合同.pdf\""));
        Assert.That(onlyExtension.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await DetailAsync(onlyExtension), Is.EqualTo(
            "“合同”：文件名 .pdf 只有扩展名；请在扩展名前加上名称（如 合同.pdf）后再上传"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(missing), Is.EqualTo(
            "上传缺少 名为 \"file\" 的文件部分；请同时发送文件、表单标识和字段标识"));
        var stored = await sales1.GetFromJsonAsync<JsonArray>("/api/instances");
        Assert.That(stored, Is.Empty);
    }

    [Test]
    public async Task Argument_errors_have_no_parameter_suffix()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1", "en");

        using var unknownForm = await PostAsync(sales1, [("file", "a.pdf")], formKey: "nosuch");
        using var unknownField = await PostAsync(sales1, [("file", "a.pdf")], field: "nosuch");
        using var empty = await sales1.PostAsJsonAsync("/api/instances", new JsonObject());
        using var unknownFlow = await sales1.PostAsJsonAsync("/api/instances", new { flowKey = "nosuch", data = new { } });
        using var export = await sales1.GetAsync($"/api/records/{FileDefinitions.FormKey}/export?format=pdf");

        Assert.That(await DetailAsync(unknownForm), Is.EqualTo(
            "The \"form\" value 'nosuch' names no published form; send the key of the published form whose field " +
            "takes the file."));
        Assert.That(await DetailAsync(unknownField), Is.EqualTo(
            $"The \"field\" value 'nosuch' names no field of form '{FileDefinitions.FormKey}'; send a field id, or " +
            "table.column for a sub-table column."));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(empty), Is.EqualTo(
            "The flowKey is missing; send the key of the flow to start, such as one that GET /api/startable-flows " +
            "lists."));
        Assert.That(unknownFlow.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(unknownFlow), Is.EqualTo(
            "The flowKey 'nosuch' names no published flow; send the key of a flow you may start, as GET " +
            "/api/startable-flows lists them, or publish the flow first."));
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(export), Is.EqualTo("Unknown export format 'pdf'; expected 'csv' or 'xlsx'."));
    }

    [Test]
    public async Task Not_found_replies_have_detail()
    {
        await using var factory = await StartServerAsync();
        using var owner = await LoopbackClients.ForAsync(factory, "owner", "en");

        using var file = await owner.GetAsync("/api/files/zzz");
        using var record = await owner.GetAsync($"/api/records/{FileDefinitions.FormKey}/999999");
        using var history = await owner.GetAsync($"/api/records/{FileDefinitions.FormKey}/999999/history");
        using var form = await owner.GetAsync("/api/records/nosuch");
        using var views = await owner.GetAsync("/api/records/nosuch/views");
        using var draft = await owner.GetAsync("/api/definitions/flows/nosuch/draft");
        using var version = await owner.GetAsync($"/api/definitions/flows/{FileDefinitions.FlowKey}/versions/9");

        foreach (var response in new[] { file, record, history, form, views, draft, version })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), response.RequestMessage?.RequestUri?.ToString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }

        var recordDetail = await DetailAsync(record);
        var formDetail = await DetailAsync(form);
        Assert.That(await DetailAsync(file), Is.EqualTo(
            "File 'zzz' does not exist or you may not download it; use the id of a file that you uploaded or that is " +
            "in an instance or record you may read."));
        Assert.That(recordDetail, Is.EqualTo(
            $"Form '{FileDefinitions.FormKey}' has no record 999999 that you may read; check the id, or list the " +
            $"records with GET /api/records/{FileDefinitions.FormKey}."));
        Assert.That(await DetailAsync(history), Is.EqualTo(recordDetail));
        Assert.That(formDetail, Is.EqualTo(
            "No published form with key 'nosuch'; check the form key, or publish the form first."));
        Assert.That(await DetailAsync(views), Is.EqualTo(formDetail));
        Assert.That(await DetailAsync(draft), Is.EqualTo(
            "There is no flow with key 'nosuch'; check the key, or list the keys with GET /api/definitions/flows."));
        Assert.That(await DetailAsync(version), Is.EqualTo(
            $"The flow '{FileDefinitions.FlowKey}' has no published version 9; list its versions with " +
            $"GET /api/definitions/flows/{FileDefinitions.FlowKey}/versions."));
    }

    [Test]
    public async Task Read_only_field_change_is_422_by_field()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        await OrderDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var started = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 900m },
        });
        var instanceId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var task = (await manager.GetFromJsonAsync<JsonArray>("/api/tasks"))!
            .Single(item => (string?)item!["instanceId"] == instanceId)!;

        using var response = await manager.PostAsJsonAsync($"/api/tasks/{task["id"]}/actions", new
        {
            action = "approve",
            changes = new JsonObject { ["total"] = 1m },
        });
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var instance = await sales1.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");

        var expected = $"字段 “total” 在节点 “{OrderDefinitions.ManagerNode}” 为只读，不能修改；请原样提交或不提交该字段。" +
            "此节点可编辑的字段：note。";
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToJsonString());
        Assert.That((string?)problem["detail"], Is.EqualTo(expected));
        Assert.That(problem["errors"]!["total"]!.AsArray().Select(item => (string?)item), Is.EqualTo(new[] { expected }));
        Assert.That(instance!["data"]!["total"]!.GetValue<decimal>(), Is.EqualTo(900m), "nothing stored");
    }

    [Test]
    public async Task OpenApi_lists_upload_413()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        var document = await sales1.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json");

        var upload = document!["paths"]!["/api/files"]!["post"]!["responses"]!.AsObject();
        var download = document["paths"]!["/api/files/{id}"]!["get"]!["responses"]!.AsObject();
        Assert.That(upload.Select(response => response.Key), Is.SupersetOf(new[] { "400", "413", "422" }));
        Assert.That(upload["413"]!["content"]!.AsObject().Select(pair => pair.Key),
            Is.EqualTo(new[] { "application/problem+json" }));
        Assert.That(download["404"]!["content"]!.AsObject().Select(pair => pair.Key),
            Is.EqualTo(new[] { "application/problem+json" }));
    }

    private static async Task<DesignerAppFactory> StartServerAsync()
    {
        var factory = new DesignerAppFactory(kestrel: true);
        await FileDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        return factory;
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, (string Part, string Name)[] files, string formKey = FileDefinitions.FormKey,
        string field = "contract")
    {
        using var body = new MultipartFormDataContent();
        foreach (var (part, name) in files)
        {
            var content = new ByteArrayContent(FileDefinitions.Pdf);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = $"\"{part}\"", FileName = $"\"{name}\"",
            };
            body.Add(content);
        }

        body.Add(new StringContent(formKey), "form");
        body.Add(new StringContent(field), "field");
        return await client.PostAsync("/api/files", body);
    }

    /// <summary>
    /// Sends <paramref name="request"/> on a new connection and returns the status and body of the reply, reading until
    /// the last chunk of the body or the end of the connection.
    /// </summary>
    private static async Task<(int Status, string Body)> SendRawAsync(int port, string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        await using var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var reply = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            reply.Write(buffer, 0, read);
            if (reply.ToArray().AsSpan().EndsWith("\r\n0\r\n\r\n"u8))
            {
                break;
            }
        }

        var bytes = reply.ToArray();
        var headerEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(bytes, 0, headerEnd);
        var status = int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = bytes[(headerEnd + 4)..];
        return (status, Encoding.UTF8.GetString(
            head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body));
    }

    // A chunked body is a hex byte count line, that many bytes and a line end per chunk, and a last chunk of size 0.
    private static byte[] Dechunk(byte[] body)
    {
        var data = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            var size = int.Parse(
                Encoding.ASCII.GetString(body, position, lineEnd), System.Globalization.NumberStyles.HexNumber,
                System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return data.ToArray();
            }

            data.Write(body, position + lineEnd + 2, size);
            position += lineEnd + 2 + size + 2;
        }
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["detail"];

    /// <summary>A request body of zero bytes of the given length, written without holding it in memory.</summary>
    private sealed class ZeroContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var block = new byte[64 * 1024];
            for (long sent = 0; sent < length; sent += block.Length)
            {
                await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, length - sent)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
