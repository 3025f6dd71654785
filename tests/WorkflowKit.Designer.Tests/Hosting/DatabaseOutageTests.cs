using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Npgsql;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Tests.Browser;
using WorkflowKit.Designer.Tests.ScaleOut;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Hosting;

/// <summary>
/// The designer on PostgreSQL (WORKFLOWKIT_TEST_POSTGRES; skipped without it, failed under CI=true) while its
/// database is unreachable. A <see cref="TcpGate"/> between the app and the server cuts every connection, as a
/// stopped server does, without stopping the server that other tests share.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    [Test]
    public async Task Api_answers_503_then_recovers()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var gate = OpenGate(database);
        await using var app = new DesignerAppFactory(kestrel: true, settings: Settings(database, gate));
        using var sales = await LoopbackClients.ForAsync(app, "sales1");
        using var before = await sales.GetAsync("/api/tasks");

        await gate.CloseAsync();
        using var tasks = await sales.GetAsync("/api/tasks");
        var problem = await tasks.Content.ReadFromJsonAsync<JsonObject>();
        using var start = await sales.PostAsJsonAsync("/api/instances", new { flowKey = "any", data = new { } });
        var startBody = await start.Content.ReadAsStringAsync();
        gate.Open();
        var after = await GetUntilAnsweredAsync(sales, "/api/tasks");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(tasks.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(tasks.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds)));
        Assert.That((string)problem!["detail"]!, Is.EqualTo(DatabaseOutage.ApiDetail));
        Assert.That((string)problem["title"]!, Is.EqualTo("Database unreachable"));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), startBody);
        Assert.That(startBody, Does.Not.Contain("Exception"));
        Assert.That(startBody, Does.Not.Contain("Npgsql"));
        Assert.That(after, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Sign_in_and_pages_show_message()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var gate = OpenGate(database);
        await using var browser = await BrowserSession.StartAsync(settings: Settings(database, gate));
        try
        {
            var signedIn = await browser.SignInAsync("sales1");

            await gate.CloseAsync();
            var chinese = await SignInAsync(browser, "zh-CN");
            var english = await SignInAsync(browser, "en-US");
            await signedIn.ClickAsync("a[href='/done']");
            var inPage = await signedIn.Locator("#database-unreachable").InnerTextAsync();
            var reload = await signedIn.GotoAsync("/submissions");
            var reloaded = await signedIn.Locator("#database-unreachable").InnerTextAsync();
            gate.Open();
            var recovered = await SignInWhenAnsweredAsync(browser);

            Assert.That(chinese.Message, Is.EqualTo(
                "无法连接数据库，现在无法登录。请过几分钟再试；如果一直无法连接，请联系管理员。"));
            Assert.That(chinese.UserName, Is.EqualTo("sales1"));
            Assert.That(english.Message, Is.EqualTo(DatabaseOutage.SignInMessage));
            Assert.That(english.UserName, Is.EqualTo("sales1"));
            Assert.That(inPage, Does.Contain("无法连接数据库，因此此页面无法加载。"));
            Assert.That(reload!.Status, Is.EqualTo(503));
            Assert.That(reloaded, Does.Contain("无法连接数据库，因此此页面无法加载。"));
            Assert.That(recovered, Is.True);
        }
        finally
        {
            await browser.CaptureFailureAsync();
        }
    }

    private static TcpGate OpenGate(SharedDatabase database)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var gate = new TcpGate(server.Host!, server.Port);
        gate.Open();
        return gate;
    }

    private static Dictionary<string, string> Settings(SharedDatabase database, TcpGate gate) => new()
    {
        ["WorkflowKit:Storage:Provider"] = "PostgreSql",
        ["WorkflowKit:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = gate.Port,
        }.ToString(),
    };

    private static async Task<(string Message, string UserName)> SignInAsync(BrowserSession browser, string locale)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.App.RootUri.ToString(),
            Locale = locale,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        browser.Pages.Add(page);
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", "sales1");
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#sign-in");
        var message = await page.Locator("#database-unreachable").InnerTextAsync();
        return (message, await page.InputValueAsync("#userName"));
    }

    // The first requests after the database returns may meet pooled connections that the outage broke. Npgsql drops
    // each broken one when it fails, so a few tries are enough.
    private static async Task<HttpStatusCode> GetUntilAnsweredAsync(HttpClient client, string path)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 5 && status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            using var response = await client.GetAsync(path);
            status = response.StatusCode;
        }

        return status;
    }

    private static async Task<bool> SignInWhenAnsweredAsync(BrowserSession browser)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = browser.App.RootUri.ToString(),
                Locale = "zh-CN",
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/login");
            await page.FillAsync("#userName", "sales1");
            await page.FillAsync("#password", DemoAccounts.Password);
            await page.ClickAsync("#sign-in");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (await page.Locator("#current-user").CountAsync() > 0)
            {
                return true;
            }
        }

        return false;
    }
}
