using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Npgsql;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Tests.Browser;
using WorkflowKit.Designer.Tests.ScaleOut;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

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
        // An English account: problem titles follow the account's language, and the outage detail is English.
        using var sales = await LoopbackClients.ForAsync(app, "sales1", culture: "en");
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
    public async Task Api_outage_reply_in_chinese()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var gate = OpenGate(database);
        await using var app = new DesignerAppFactory(kestrel: true, settings: Settings(database, gate));
        using var chinese = await LoopbackClients.ForAsync(app, "sales1");
        using var english = await LoopbackClients.ForAsync(app, "sales2", culture: "en");

        // A call before the outage caches each key's account, whose language the reply then follows. Without it the
        // key cannot be checked, and the reply takes the language of the request, Chinese without Accept-Language.
        using var chineseBefore = await chinese.GetAsync("/api/tasks");
        using var englishBefore = await english.GetAsync("/api/tasks");
        await gate.CloseAsync();
        using var chineseReply = await chinese.GetAsync("/api/tasks");
        using var englishReply = await english.GetAsync("/api/tasks");
        var chineseProblem = await chineseReply.Content.ReadFromJsonAsync<JsonObject>();
        var englishProblem = await englishReply.Content.ReadFromJsonAsync<JsonObject>();
        gate.Open();

        Assert.That(chineseBefore.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(englishBefore.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(chineseReply.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(englishReply.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((string?)chineseProblem!["code"], Is.EqualTo("database-unreachable"));
        Assert.That((string?)englishProblem!["code"], Is.EqualTo("database-unreachable"));
        Assert.That((string?)chineseProblem["title"], Is.EqualTo("无法连接数据库"));
        Assert.That((string?)chineseProblem["detail"], Is.EqualTo(
            "无法连接数据库，因此请求未被执行。请在 Retry-After 响应头给出的秒数之后重新发送；如果数据库一直无法连接，请联系管理员检查数据库服务器。"));
        Assert.That((string?)englishProblem["detail"], Is.EqualTo(DatabaseOutage.ApiDetail));
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

    [Test]
    public async Task Background_rounds_log_outage_once()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var gate = OpenGate(database);
        var settings = Settings(database, gate);
        settings["WorkflowKit:Engine:PollInterval"] = "00:00:00.2";
        var logs = new LogCapture();
        await using var app = new DesignerAppFactory(settings: settings);
        await using var logged = app.WithWebHostBuilder(builder =>
            builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        _ = logged.Services.GetRequiredService<WorkflowEngine>();
        await WaitForAsync(() => logs.WithId(RelayListening).Count > 0, "the relay's first LISTEN");

        await gate.CloseAsync();
        await WaitForAsync(() => logs.WithId(EngineUnreachable).Count > 0, "the engine's outage warning");

        // At a 0.2 s poll interval, 6 seconds are about 30 rounds without a back-off and about 5 with it.
        await Task.Delay(TimeSpan.FromSeconds(6));
        gate.Open();
        await WaitForAsync(() => logs.WithId(EngineReachableAgain).Count > 0, "the engine's recovery line");
        await WaitForAsync(() => logs.WithId(RelayReconnected).Count > 0, "the relay's recovery line");

        var recovered = logs.WithId(EngineReachableAgain).Single();
        var rounds = (int)recovered.State.Single(pair => pair.Key == "Rounds").Value!;
        Assert.That(logs.WithId(EngineUnreachable), Has.Count.EqualTo(1), "engine warnings");
        Assert.That(logs.WithId(EngineUnreachable)[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(logs.WithId(EngineRoundFailed), Is.Empty, "engine errors with a stack trace per round");
        Assert.That(rounds, Is.InRange(2, 9), "failed rounds over about 6 seconds");
        Assert.That(logs.WithId(RelayConnectionLost), Has.Count.EqualTo(1), "relay warnings");
        Assert.That(logs.WithId(RelayReconnected), Has.Count.EqualTo(1), "relay recovery lines");
    }

    [Test]
    public async Task First_start_cut_stops_with_message()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var gate = OpenGate(database);
        var settings = Settings(database, gate);
        settings["WorkflowKit:DemoAccounts"] = "false";
        settings["WorkflowKit:PublicHolidays"] = "false";
        settings["WorkflowKit:SamplesPath"] = Path.Combine(RepositoryRoot(), "samples", "data");
        await using var app = new DesignerAppFactory(
            templates: DesignerAppFactory.RepositoryTemplates(), settings: settings);
        app.CreateClient().Dispose();

        var load = Bootstrapper(app, load: true).InitializeAsync(CancellationToken.None);
        await WaitForAccountsAsync(database, load);
        await gate.CloseAsync();
        var interrupted = Assert.ThrowsAsync<FirstStartException>(() => load);
        gate.Open();
        var restarted = Assert.ThrowsAsync<FirstStartException>(
            () => Bootstrapper(app, load: true).InitializeAsync(CancellationToken.None));
        var kept = Bootstrapper(app, load: false).InitializeAsync(CancellationToken.None);

        Assert.That(interrupted!.Message, Does.StartWith("The database (PostgreSql: ").And.Contain(
            "became unreachable while the first start loaded the demo accounts and the sample data, so the designer " +
            "did not start and the database holds part of them. Once the database is reachable, empty it"));
        Assert.That(restarted!.Message, Does.StartWith("An earlier first start on the database (PostgreSql: ").And.Contain(
            "stopped while it loaded the demo accounts and the sample data, so the database holds part of them"));
        Assert.That(async () => await kept, Throws.Nothing);
    }

    [Test]
    public async Task First_start_unreachable_changes_nothing()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var gate = OpenGate(database);
        var settings = Settings(database, gate);
        settings["WorkflowKit:DemoAccounts"] = "false";
        settings["WorkflowKit:PublicHolidays"] = "false";
        await using var app = new DesignerAppFactory(settings: settings);
        app.CreateClient().Dispose();

        await gate.CloseAsync();
        var unreachable = Assert.ThrowsAsync<FirstStartException>(
            () => Bootstrapper(app, load: true, sampleData: false).InitializeAsync(CancellationToken.None));
        gate.Open();
        var retried = Bootstrapper(app, load: true, sampleData: false).InitializeAsync(CancellationToken.None);

        Assert.That(unreachable!.Message, Does.StartWith("The database (PostgreSql: ").And.EndWith(
            ") cannot be reached, so the designer did not start and changed nothing. Check that the database server " +
            "runs and accepts connections from this machine, then start the designer again."));
        Assert.That(async () => await retried, Throws.Nothing);
        Assert.That(await app.Services.GetRequiredService<AccountStore>().CountAsync(default),
            Is.EqualTo(DemoAccounts.Users.Count));
    }

    [Test]
    public async Task First_start_waits_for_database()
    {
        await using var database = await SharedDatabase.CreateAsync();

        // The gate listens only after a few seconds, so the designer meets refused connections first, as it does when
        // it starts before the PostgreSQL server.
        await using var gate = new TcpGate(
            new NpgsqlConnectionStringBuilder(database.ConnectionString).Host!,
            new NpgsqlConnectionStringBuilder(database.ConnectionString).Port);
        var logs = new LogCapture();
        await using var app = new DesignerAppFactory(settings: Settings(database, gate));
        await using var logged = app.WithWebHostBuilder(builder =>
            builder.ConfigureLogging(logging => logging.AddProvider(logs)));

        var starting = Task.Run(() => logged.CreateClient());
        await WaitForAsync(() => logs.WithId(DatabaseNotReachableYet).Count > 0, "the first waiting line");
        await Task.Delay(TimeSpan.FromSeconds(3));
        gate.Open();
        using var client = await starting;

        var waiting = logs.WithId(DatabaseNotReachableYet);
        Assert.That(waiting[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(waiting[0].Message, Does.StartWith("The database (PostgreSql: ").And.Contain(
            ") cannot be reached yet (attempt 1: "));
        Assert.That(waiting[0].Message, Does.Contain("trying again in 1 s, for at most "));
        Assert.That(logs.WithId(DatabaseReachedAfterWait), Has.Count.EqualTo(1));
        Assert.That(logs.WithId(StartFailed), Is.Empty);
        Assert.That(await logged.Services.GetRequiredService<AccountStore>().CountAsync(default),
            Is.EqualTo(DemoAccounts.Users.Count));
    }

    [Test]
    public async Task First_start_wait_is_bounded()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var gate = new TcpGate(
            new NpgsqlConnectionStringBuilder(database.ConnectionString).Host!,
            new NpgsqlConnectionStringBuilder(database.ConnectionString).Port);
        var storage = new WorkflowKit.Storage.StorageOptions(
            WorkflowKit.Storage.StorageProvider.PostgreSql, Settings(database, gate)["WorkflowKit:Storage:ConnectionString"]);
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddWorkflowKitStores(storage)
            .BuildServiceProvider();
        var wait = new DatabaseStartupWait(
            services, storage,
            Microsoft.Extensions.Options.Options.Create(new DesignerOptions { DatabaseStartupWait = TimeSpan.FromSeconds(2) }),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseStartupWait>.Instance);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<FirstStartException>(() => wait.OpenAsync(CancellationToken.None));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(error!.Message, Does.StartWith("The database (PostgreSql: "));
        Assert.That(error.Message, Does.Contain(
            ", and WorkflowKit:DatabaseStartupWait (2 s) leaves no time for another, so the designer did not start " +
            "and changed nothing. Check that the database server runs and accepts connections from this machine, " +
            "then start the designer again; for a server that starts slowly, raise WorkflowKit:DatabaseStartupWait."));
        Assert.That(DatabaseOutage.IsOutage(error.InnerException), Is.True);
    }

    // A bootstrapper of the app's services whose options turn the demo accounts (load) and the sample (sampleData,
    // load by default) on or off. Either loads only into a database without accounts.
    private static DesignerBootstrapper Bootstrapper(DesignerAppFactory app, bool load, bool? sampleData = null)
    {
        var configured = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DesignerOptions>>().Value;
        var options = new DesignerOptions
        {
            DemoAccounts = load,
            SampleData = sampleData ?? load,
            PublicHolidays = false,
            TemplatesPath = configured.TemplatesPath,
            SamplesPath = configured.SamplesPath,
        };
        return ActivatorUtilities.CreateInstance<DesignerBootstrapper>(
            app.Services, Microsoft.Extensions.Options.Options.Create(options));
    }

    // Waits, on a connection that bypasses the gate, until the load has created its first accounts.
    private static async Task WaitForAccountsAsync(SharedDatabase database, Task load)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM designer_users", connection);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await count.ExecuteScalarAsync())! == 0)
        {
            if (load.IsCompleted || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"The load created no account (load finished: {load.IsCompleted}).");
            }

            await Task.Delay(20);
        }
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

    private const int StartFailed = 5007;
    private const int DatabaseNotReachableYet = 5009;
    private const int DatabaseReachedAfterWait = 5015;
    private const int EngineRoundFailed = 2040;
    private const int EngineUnreachable = 2041;
    private const int EngineReachableAgain = 2043;
    private const int RelayListening = 9300;
    private const int RelayConnectionLost = 9301;
    private const int RelayReconnected = 9304;

    // Polls a condition that the app's background services make true; fails after 60 seconds.
    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"Timed out after 60 seconds waiting for {what}.");
            }

            await Task.Delay(100);
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
