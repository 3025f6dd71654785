using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Services;
using WorkflowKit.Files;
using WorkflowKit.Import;
using WorkflowKit.Permissions;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>/api/files</c> on a server on 127.0.0.1: uploads are checked against their field, downloads reach the uploader
/// and readers of the instance or record that holds the file and no other user, a start accepts only files its user
/// uploaded, and an import only files its user uploaded or may read.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class FileApiTests
{
    [Test]
    public async Task Upload_returns_reference_and_uploader_downloads()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        var reference = await UploadAsync(sales1, "contract", "../../华东 合同\u202E.pdf", FileDefinitions.Pdf);
        using var download = await sales1.GetAsync($"/api/files/{reference["id"]}");
        var content = await download.Content.ReadAsByteArrayAsync();

        Assert.That((string?)reference["name"], Is.EqualTo("华东 合同.pdf"));
        Assert.That((long?)reference["size"], Is.EqualTo(FileDefinitions.Pdf.Length));
        Assert.That((string?)reference["contentType"], Is.EqualTo("application/pdf"));
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(content, Is.EqualTo(FileDefinitions.Pdf));
        Assert.That(download.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileNameStar, Is.EqualTo("华东 合同.pdf"));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
    }

    [Test]
    public async Task Upload_over_field_limits_is_rejected()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");

        using var tooLarge = await PostFileAsync(sales1, "contract", "big.pdf", new byte[100 * 1024]);
        using var wrongType = await PostFileAsync(sales1, "contract", "run.exe", FileDefinitions.Pdf);
        using var notPng = await PostFileAsync(sales1, "photo", "photo.png", FileDefinitions.Pdf);
        using var noField = await PostFileAsync(sales1, "customer", "a.pdf", FileDefinitions.Pdf);

        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        // The demo users read the portal in Chinese, so the messages are in Chinese.
        Assert.That(await DetailAsync(tooLarge), Is.EqualTo("“合同”：文件 big.pdf 大小为 100 KB，超过上限 64 KB；请压缩或拆分后再上传"));
        Assert.That(await DetailAsync(wrongType), Is.EqualTo("“合同” 不接受文件 run.exe（允许：.pdf, .docx）"));
        Assert.That(await DetailAsync(notPng), Is.EqualTo(
            "“现场照片” 需要 PNG、JPEG、GIF 或 WebP 图片，文件 photo.png 的内容不是这几种图片"));
        Assert.That(await DetailAsync(noField), Is.EqualTo("“客户” 是 text 字段，不能上传文件；只有附件、图片和签名字段可以"));
    }

    [Test]
    public async Task Download_is_for_uploader_and_instance_readers()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        using var sales2 = await LoopbackClients.ForAsync(factory, "sales2");
        var contract = await UploadAsync(sales1, "contract", "contract.pdf", FileDefinitions.Pdf);
        var unsent = await UploadAsync(sales1, "contract", "draft.pdf", FileDefinitions.Pdf);
        using var before = await manager.GetAsync($"/api/files/{contract["id"]}");

        using var started = await StartAsync(sales1, new JsonArray(contract.DeepClone()));
        using var assignee = await manager.GetAsync($"/api/files/{contract["id"]}");
        using var otherRegion = await sales2.GetAsync($"/api/files/{contract["id"]}");
        using var notSubmitted = await manager.GetAsync($"/api/files/{unsent["id"]}");
        using var unknown = await sales2.GetAsync("/api/files/0123456789abcdef0123456789abcdef");

        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created), await started.Content.ReadAsStringAsync());
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "not linked before the start");
        Assert.That(assignee.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(otherRegion.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(notSubmitted.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Preview_shows_raster_image_inline()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1", "en");
        using var manager = await LoopbackClients.ForAsync(factory, "manager", "en");
        using var sales2 = await LoopbackClients.ForAsync(factory, "sales2", "en");
        var contract = await UploadAsync(sales1, "contract", "contract.pdf", FileDefinitions.Pdf);
        var signature = await UploadAsync(sales1, "sign", "signature.png", FileDefinitions.Png);
        using var started = await StartWithAsync(sales1, contract, "sign", signature.DeepClone());

        using var preview = await manager.GetAsync($"/api/files/{signature["id"]}/preview");
        using var otherRegion = await sales2.GetAsync($"/api/files/{signature["id"]}/preview");
        using var pdf = await manager.GetAsync($"/api/files/{contract["id"]}/preview");

        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created), await started.Content.ReadAsStringAsync());
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await preview.Content.ReadAsByteArrayAsync(), Is.EqualTo(FileDefinitions.Png));
        Assert.That(preview.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(preview.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("inline"));
        Assert.That(preview.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(preview.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("sandbox"));
        Assert.That(otherRegion.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(pdf.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await DetailAsync(pdf), Is.EqualTo(
            $"File '{contract["id"]}' is not a PNG, JPEG, GIF or WebP image, so it has no preview; download it from " +
            $"/api/files/{contract["id"]}."));
    }

    [Test]
    public async Task Preview_refuses_svg_stored_as_png()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var file = new StoredFile(
            "00112233445566778899aabbccddeeff", "sign.png", "image/png", svg.Length, "0", "sales1", DateTimeOffset.UnixEpoch);
        await factory.Services.GetRequiredService<IFileStore>().InsertAsync(file, svg, default);

        using var preview = await sales1.GetAsync($"/api/files/{file.Id}/preview");
        using var download = await sales1.GetAsync($"/api/files/{file.Id}");

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(preview.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
    }

    [Test]
    public async Task Start_with_foreign_file_is_rejected()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var sales2 = await LoopbackClients.ForAsync(factory, "sales2");
        var theirs = await UploadAsync(sales2, "contract", "theirs.pdf", FileDefinitions.Pdf);

        using var response = await StartAsync(sales1, new JsonArray(theirs.DeepClone()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await ErrorsAsync(response), Is.EqualTo(new[]
        {
            "“合同” 中的文件 “theirs.pdf” 不是由您上传的，也不属于这条流程；请自行上传该文件",
        }));
        using var stillHidden = await sales1.GetAsync($"/api/files/{theirs["id"]}");
        Assert.That(stillHidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Start_with_unknown_or_url_file_is_rejected()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        var own = await UploadAsync(sales1, "contract", "own.pdf", FileDefinitions.Pdf);
        var renamed = own.DeepClone().AsObject();
        renamed["name"] = "other.pdf";

        using var unknown = await StartAsync(sales1, new JsonArray(new JsonObject
        {
            ["id"] = "0123456789abcdef0123456789abcdef", ["name"] = "report.pdf",
        }));
        using var url = await StartAsync(sales1, new JsonArray(new JsonObject
        {
            ["name"] = "report.pdf", ["url"] = "javascript:alert(1)", ["size"] = -5,
        }));
        using var withUrl = await StartAsync(sales1, new JsonArray(new JsonObject
        {
            ["id"] = own["id"]!.GetValue<string>(), ["name"] = "own.pdf", ["url"] = "javascript:alert(1)",
        }));
        using var changed = await StartAsync(sales1, new JsonArray(renamed));

        Assert.That(await ErrorsAsync(unknown), Is.EqualTo(new[]
        {
            "“合同” 中的文件 “0123456789abcdef0123456789abcdef” 不存在（可能已被清理）；请重新上传",
        }));
        Assert.That(url.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await ErrorsAsync(url)).Single(), Does.StartWith(
            "“合同” 需要通过 POST /api/files 上传的文件"));
        Assert.That((await ErrorsAsync(withUrl)).Single(), Does.StartWith("“合同” 需要通过 POST /api/files 上传的文件"));
        Assert.That(await ErrorsAsync(changed), Is.EqualTo(new[]
        {
            "“合同” 中文件 “own.pdf” 的名称、大小或类型与上传时不同；请使用上传返回的文件信息",
        }));
    }

    [Test]
    public async Task Start_checks_file_against_target_field()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        var pdf = await UploadAsync(sales1, "contract", "contract.pdf", FileDefinitions.Pdf);
        var pngNamedPdf = await UploadAsync(sales1, "contract", "png-as.pdf", FileDefinitions.Png);
        var png = await UploadAsync(sales1, "photo", "photo.png", FileDefinitions.Png);
        var largePng = new byte[100 * 1024];
        FileDefinitions.Png.CopyTo(largePng, 0);
        var large = await UploadAsync(sales1, "sign", "large.png", largePng);

        using var pdfAsSignature = await StartWithAsync(sales1, pdf, "sign", pdf.DeepClone());
        using var pdfNamedAsPhoto = await StartWithAsync(sales1, pdf, "photo", pngNamedPdf.DeepClone());
        using var pngAsContract = await StartAsync(sales1, new JsonArray(png.DeepClone()));
        using var tooLargePhoto = await StartWithAsync(sales1, pdf, "photo", large.DeepClone());
        using var fitting = await StartWithAsync(sales1, pdf, "sign", png.DeepClone());

        Assert.That(await ErrorsAsync(pdfAsSignature), Is.EqualTo(new[]
        {
            "“签名” 需要 PNG、JPEG、GIF 或 WebP 图片，文件 contract.pdf 的内容不是这几种图片",
        }));
        Assert.That(await ErrorsAsync(pdfNamedAsPhoto), Is.EqualTo(new[]
        {
            "“现场照片” 不接受文件 “png-as.pdf”（允许：.jpg, .png）",
        }));
        Assert.That(await ErrorsAsync(pngAsContract), Is.EqualTo(new[]
        {
            "“合同” 不接受文件 “photo.png”（允许：.pdf, .docx）",
        }));
        Assert.That(await ErrorsAsync(tooLargePhoto), Is.EqualTo(new[]
        {
            "“现场照片”：文件 large.png 大小为 100 KB，超过上限 64 KB；请压缩或拆分后再上传",
        }));
        Assert.That(fitting.StatusCode, Is.EqualTo(HttpStatusCode.Created), await fitting.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Approver_keeps_file_the_instance_held()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        var contract = await UploadAsync(sales1, "contract", "contract.pdf", FileDefinitions.Pdf);
        using var started = await StartAsync(sales1, new JsonArray(contract.DeepClone()));
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var task = (await manager.GetFromJsonAsync<JsonArray>("/api/tasks"))!
            .Single(item => (string?)item!["instanceId"] == instanceId)!;

        using var approved = await manager.PostAsJsonAsync($"/api/tasks/{task["id"]}/actions", new
        {
            action = "approve",
            changes = new JsonObject { ["contract"] = new JsonArray(contract.DeepClone()) },
        });

        Assert.That(approved.IsSuccessStatusCode, Is.True, await approved.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Task_upload_uses_bound_form_version_limits()
    {
        await using var factory = await StartServerAsync();
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        using var sales2 = await LoopbackClients.ForAsync(factory, "sales2");
        var contract = await UploadAsync(sales1, "contract", "contract.pdf", FileDefinitions.Pdf);
        using var started = await StartAsync(sales1, new JsonArray(contract.DeepClone()));
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var smaller = FileDefinitions.Form();
        smaller.Fields.Single(field => field.Id == "contract").MaxSize = 1024;
        var definitions = factory.Services.GetRequiredService<IDefinitionService>();
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Form, FileDefinitions.FormKey, default))!;
        await definitions.SaveDraftAsync(
            DefinitionKind.Form, FileDefinitions.FormKey, DefinitionJson.Serialize(smaller), draft.Revision, "owner",
            default);
        await definitions.PublishAsync(DefinitionKind.Form, FileDefinitions.FormKey, "owner", null, default);
        var scan = new byte[8 * 1024];
        FileDefinitions.Pdf.CopyTo(scan, 0);

        using var forTask = await PostFileAsync(manager, "contract", "scan.pdf", scan, ("instance", instanceId));
        using var forRecord = await PostFileAsync(manager, "contract", "scan.pdf", scan);
        using var foreign = await PostFileAsync(sales2, "contract", "scan.pdf", scan, ("instance", instanceId));

        Assert.That(forTask.StatusCode, Is.EqualTo(HttpStatusCode.Created), await forTask.Content.ReadAsStringAsync());
        Assert.That(forRecord.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await DetailAsync(forRecord), Is.EqualTo(
            "“合同”：文件 scan.pdf 大小为 8 KB，超过上限 1 KB；请压缩或拆分后再上传"));
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Imported_file_is_readable_and_kept()
    {
        await using var factory = await StartServerAsync();
        using var admin = await LoopbackClients.ForAsync(factory, "admin");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        using var sales2 = await LoopbackClients.ForAsync(factory, "sales2");
        await factory.Services.GetRequiredService<IPermissionRuleStore>().SaveRulesAsync(FileDefinitions.FormKey,
        [
            new PermissionRule { Role = "sales-manager", Form = FileDefinitions.FormKey, Actions = ["read"] },
        ], default);
        var contract = await UploadAsync(admin, "contract", "contract.pdf", FileDefinitions.Pdf);
        var cell = new JsonArray(contract.DeepClone()).ToJsonString().Replace("\"", "\"\"", StringComparison.Ordinal);

        var result = await ImportAsync(factory, $"客户,合同\n协和医院,\"{cell}\"\n");
        var swept = await factory.Services.GetRequiredService<IFileStore>()
            .DeleteUnlinkedAsync(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(2), default);
        using var reader = await manager.GetAsync($"/api/files/{contract["id"]}");
        using var other = await sales2.GetAsync($"/api/files/{contract["id"]}");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.RowsWritten, Is.EqualTo(1));
        Assert.That(swept, Is.Zero);
        Assert.That(reader.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await reader.Content.ReadAsByteArrayAsync(), Is.EqualTo(FileDefinitions.Pdf));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Import_with_foreign_file_is_row_error()
    {
        await using var factory = await StartServerAsync();
        using var sales2 = await LoopbackClients.ForAsync(factory, "sales2");
        var theirs = await UploadAsync(sales2, "contract", "theirs.pdf", FileDefinitions.Pdf);
        var cell = new JsonArray(theirs.DeepClone()).ToJsonString().Replace("\"", "\"\"", StringComparison.Ordinal);

        var result = await ImportAsync(factory, $"客户,合同\n协和医院,\"{cell}\"\n");

        Assert.That(result.RowsWritten, Is.Zero);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Message, Does.StartWith("visits.csv 第 2 行，“合同” 列 (contract)："));
        Assert.That(result.Errors[0].Message, Does.Contain(
            "“合同” 中的文件 “theirs.pdf” 不是由您上传的，您也无权查看包含它的记录或流程；请自行上传该文件"));
    }

    private static async Task<ImportResult> ImportAsync(DesignerAppFactory factory, string csv)
    {
        var imports = factory.Services.GetRequiredService<DataImportService>();
        var form = (await imports.ListFormsAsync(default)).Single(item => item.Key == FileDefinitions.FormKey);
        using var file = await ImportFile.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "visits.csv", default);
        var definition = await imports.LoadFormAsync(form, default);
        var mapping = DataImportService.ToMapping(["客户", "合同"], ["customer", "contract"]);
        return await imports.ImportAsync(
            definition, file, mapping, "admin", "zh-CN", skipBadRows: false, 1, new Progress<ImportProgress>(), default);
    }

    private static async Task<DesignerAppFactory> StartServerAsync()
    {
        var factory = new DesignerAppFactory(kestrel: true);
        await FileDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        return factory;
    }

    private static async Task<JsonObject> UploadAsync(HttpClient client, string field, string name, byte[] content)
    {
        using var response = await PostFileAsync(client, field, name, content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<HttpResponseMessage> PostFileAsync(
        HttpClient client, string field, string name, byte[] content, params (string Name, string Value)[] extra)
    {
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "file", name);
        body.Add(new StringContent(FileDefinitions.FormKey), "form");
        body.Add(new StringContent(field), "field");
        foreach (var (partName, value) in extra)
        {
            body.Add(new StringContent(value), partName);
        }

        return await client.PostAsync("/api/files", body);
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, JsonArray contract) =>
        client.PostAsJsonAsync("/api/instances", new JsonObject
        {
            ["flowKey"] = FileDefinitions.FlowKey,
            ["data"] = new JsonObject { ["customer"] = "协和医院", ["contract"] = contract },
        });

    private static Task<HttpResponseMessage> StartWithAsync(
        HttpClient client, JsonObject contract, string field, JsonNode file) =>
        client.PostAsJsonAsync("/api/instances", new JsonObject
        {
            ["flowKey"] = FileDefinitions.FlowKey,
            ["data"] = new JsonObject
            {
                ["customer"] = "协和医院", ["contract"] = new JsonArray(contract.DeepClone()), [field] = file,
            },
        });

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["detail"];

    private static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return [.. problem!["errors"]!.AsObject().SelectMany(pair => pair.Value!.AsArray().Select(item => (string)item!))];
    }
}
