using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>POST /api/packages</c> and <c>/api/packages/preview</c> on a server on 127.0.0.1: an administrator uploads the
/// example package as a .zip file; a bad archive or a package with a broken file writes nothing and names the entry.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class PackageApiTests
{
    private const string PackageKey = "example-credit-review";

    [Test]
    public async Task Upload_imports_package()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");

        using var response = await PostAsync(admin, "/api/packages", PackageZips.Zip(PackageZips.ExampleEntries("credit-review/")));
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>();
        var store = factory.Services.GetRequiredService<IDefinitionStore>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), reply?.ToJsonString());
        Assert.That((string?)reply!["packageKey"], Is.EqualTo(PackageKey));
        Assert.That(reply["published"]!.AsArray().Select(item => (string?)item!["key"]),
            Is.SupersetOf(new[] { "customer", "credit-application", "credit-review" }));
        Assert.That(await store.GetVersionAsync(DefinitionKinds.Form, "customer", null, default), Is.Not.Null);
        Assert.That(await store.GetPackageAsync(PackageKey, default), Is.Not.Null);
    }

    [Test]
    public async Task Preview_lists_changes_writes_nothing()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");

        using var response = await PostAsync(admin, "/api/packages/preview", PackageZips.Zip(PackageZips.ExampleEntries()));
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>();
        var store = factory.Services.GetRequiredService<IDefinitionStore>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), reply?.ToJsonString());
        Assert.That((string?)reply!["packageKey"], Is.EqualTo(PackageKey));
        Assert.That((bool?)reply["hasErrors"], Is.False);
        Assert.That(reply["changes"]!.AsArray().Select(item => (string?)item!["change"]).Distinct(), Is.EqualTo(new[] { "New" }));
        Assert.That(await store.ListAsync(default), Is.Empty);
    }

    [Test]
    public async Task Broken_form_names_entry_writes_nothing()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");
        var entries = PackageZips.ExampleEntries("credit-review/");
        var customer = Encoding.UTF8.GetString(entries["credit-review/forms/customer.json"]);
        entries["credit-review/forms/customer.json"] = Encoding.UTF8.GetBytes(
            customer.Replace("\"kind\": \"form\",", "\"kind\": \"form\",,", StringComparison.Ordinal));

        using var response = await PostAsync(admin, "/api/packages", PackageZips.Zip(entries));
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>();
        var diagnostics = reply!["diagnostics"]!.AsArray();
        var store = factory.Services.GetRequiredService<IDefinitionStore>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), reply.ToJsonString());
        Assert.That(diagnostics.Select(item => (string?)item!["file"]), Does.Contain("credit-review/forms/customer.json"));
        Assert.That(diagnostics.Select(item => (string?)item!["file"]), Has.None.Contains("workflowkit-package-"));
        Assert.That(diagnostics.First(item => (string?)item!["file"] == "credit-review/forms/customer.json")!["line"]!
            .GetValue<int>(), Is.GreaterThan(0));
        Assert.That((string?)reply["detail"], Does.StartWith("模板包有"));
        Assert.That(await store.ListAsync(default), Is.Empty);
        Assert.That(await store.GetPackageAsync(PackageKey, default), Is.Null);
    }

    [Test]
    public async Task Wrong_type_names_entry_and_path()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");
        var entries = PackageZips.ExampleEntries();
        var customer = JsonNode.Parse(entries["forms/customer.json"])!.AsObject();
        customer["fields"]![0]!["type"] = "txet";
        entries["forms/customer.json"] = Encoding.UTF8.GetBytes(customer.ToJsonString());

        using var response = await PostAsync(admin, "/api/packages/preview", PackageZips.Zip(entries));
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = reply!["diagnostics"]!.AsArray().Where(item => (string?)item!["severity"] == "error").ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((bool?)reply["hasErrors"], Is.True);
        Assert.That(errors.Select(item => ((string?)item!["file"], (string?)item["pointer"])),
            Does.Contain(("forms/customer.json", "/fields/0/type")), reply.ToJsonString());
    }

    [TestCase("../evil.json", "UnsafePath")]
    [TestCase("/etc/evil.json", "UnsafePath")]
    [TestCase("data/bomb.csv", "TooLarge")]
    public async Task Bad_archive_names_entry_writes_nothing(string entry, string problem)
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");
        var entries = PackageZips.ExampleEntries();
        entries[entry] = problem == "TooLarge" ? new byte[PackageArchive.MaxUncompressedBytes + 1] : "{}"u8.ToArray();

        using var response = await PostAsync(admin, "/api/packages", PackageZips.Zip(entries));
        var reply = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), reply?.ToJsonString());
        Assert.That((string?)reply!["problem"], Is.EqualTo(problem));
        Assert.That((string?)reply["entry"], Is.EqualTo(entry));
        Assert.That((string?)reply["detail"], Does.Contain($"“{entry}”"));
        Assert.That(await factory.Services.GetRequiredService<IDefinitionStore>().ListAsync(default), Is.Empty);
    }

    [Test]
    public async Task Request_problems_get_4xx()
    {
        await using var factory = new DesignerAppFactory(kestrel: true);
        using var admin = await LoopbackClients.ForAsync(factory, "admin");
        using var owner = await LoopbackClients.ForAsync(factory, "owner");

        using var json = await admin.PostAsJsonAsync("/api/packages", new { file = "x" });
        using var wrongPart = new MultipartFormDataContent { { new ByteArrayContent([1, 2]), "upload", "p.zip" } };
        using var wrongName = await admin.PostAsync("/api/packages", wrongPart);
        using var staff = await PostAsync(owner, "/api/packages", PackageZips.Zip(PackageZips.ExampleEntries()));
        using var noManifest = await PostAsync(admin, "/api/packages",
            PackageZips.Zip(new Dictionary<string, byte[]> { ["a/readme.txt"] = [1], ["b/readme.txt"] = [2] }));

        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(wrongName.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(wrongName), Is.EqualTo("请以 multipart/form-data 上传：模板包 .zip 文件放在名为 \"file\" 的部分"));
        Assert.That(staff.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(noManifest.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await DetailAsync(noManifest), Is.EqualTo(
            "“package.zip”的根目录或唯一的顶层目录中没有 package.json；请压缩含 package.json 的模板包目录本身，或其中的文件。"));
    }

    [Test]
    public async Task Openapi_lists_package_operations()
    {
        await using var factory = new DesignerAppFactory();
        using var client = await ApiAccessTests.ClientForAsync(factory, "admin");

        var document = (await client.GetFromJsonAsync<JsonObject>("/api/openapi/v1.json"))!;
        var contract = OpenApiContract.Parse(document);

        foreach (var path in new[] { "/api/packages", "/api/packages/preview" })
        {
            var body = document["paths"]![path]!["post"]!["requestBody"]!["content"]!.AsObject();
            Assert.That(body.Select(item => item.Key), Does.Contain("multipart/form-data"), path);
            Assert.That((string?)document["paths"]![path]!["post"]!["responses"]!["415"]!["description"], Is.EqualTo(
                "The request body was not sent as multipart/form-data."), path);
            foreach (var status in new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden,
                         HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType,
                         HttpStatusCode.UnprocessableEntity })
            {
                Assert.That(contract.Unlisted("POST", path, status), Is.Null);
            }
        }

        Assert.That(contract.Unlisted("POST", "/api/packages", HttpStatusCode.Conflict), Is.Null);
        Assert.That((string?)document["paths"]!["/api/instances"]!["post"]!["responses"]!["415"]!["description"],
            Is.EqualTo("The request body was not sent as application/json."));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, byte[] zip)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(file, "file", "package.zip");
        return await client.PostAsync(path, content);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["detail"];
}
