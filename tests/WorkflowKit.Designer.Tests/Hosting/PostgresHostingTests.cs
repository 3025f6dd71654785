using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.ScaleOut;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Tests.Hosting;

/// <summary>
/// The designer on PostgreSQL (WORKFLOWKIT_TEST_POSTGRES; skipped without it, failed under
/// CI=true): it boots on a fresh database, creates the demo accounts, signs in with the cookie
/// and serves the inbox.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class PostgresHostingTests
{
    [Test]
    public async Task Postgres_fresh_install_loads_holidays()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var app = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:Storage:Provider"] = "PostgreSql",
            ["WorkflowKit:Storage:ConnectionString"] = database.ConnectionString,
        });
        using var client = app.CreateClient();

        var days = await app.Services.GetRequiredService<Runtime.Timers.IWorkdayCalendarStore>().ListAllDaysAsync(default);

        var expected = Runtime.Timers.PublicHolidaySchedule.ChinaMainland.Years.SelectMany(year => year.Days);
        Assert.That(days, Is.EqualTo(expected));
    }

    [Test]
    public async Task Postgres_boot_sign_in_and_inbox()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var app = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:Storage:Provider"] = "PostgreSql",
            ["WorkflowKit:Storage:ConnectionString"] = database.ConnectionString,
        });
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await OrderDefinitions.PublishAsync(app.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var sales = await Api.ApiAccessTests.ClientForAsync(app, "sales1");
        using var started = await sales.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "瑞金医院", region = "east", total = 1000 },
        });

        var loginPage = await client.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(loginPage).Groups["token"].Value;
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "manager",
            ["password"] = Designer.Hosting.DemoAccounts.Password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        var inbox = await client.GetFromJsonAsync<JsonArray>("/api/tasks");

        Assert.Multiple(() =>
        {
            Assert.That(app.Services.GetRequiredService<WorkflowKitStores>().Options.Provider,
                Is.EqualTo(StorageProvider.PostgreSql));
            Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(signIn.Headers.Location?.ToString(), Is.EqualTo("/"));
            Assert.That(inbox!.Select(task => task!["title"]?.GetValue<string>()), Is.EqualTo(new[] { "瑞金医院" }));
        });
    }

    [Test]
    public async Task Postgres_first_start_waits_for_starting_node()
    {
        // The test holds the first-start lock as another starting node would. The designer must wait for it, because
        // it would otherwise find the database empty and create the demo accounts alongside that node.
        await using var database = await SharedDatabase.CreateAsync();
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@name, 0))", other))
        {
            take.Parameters.AddWithValue("name", Designer.Hosting.DesignerBootstrapper.FirstStartLockName);
            await take.ExecuteScalarAsync();
        }

        await using var app = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:Storage:Provider"] = "PostgreSql",
            ["WorkflowKit:Storage:ConnectionString"] = database.ConnectionString,
        });
        var starting = Task.Run(() => app.Services);
        var waited = await WaitForAdvisoryLockWaiterAsync(other, TimeSpan.FromMinutes(2));
        var usersWhileWaiting = await CountUsersAsync(other);
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", other))
        {
            await release.ExecuteScalarAsync();
        }

        var services = await starting.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Multiple(async () =>
        {
            Assert.That(waited, Is.True, "the designer never waited for the first-start lock");
            Assert.That(usersWhileWaiting, Is.Zero);
            Assert.That(await services.GetRequiredService<Designer.Accounts.AccountStore>().CountAsync(default),
                Is.EqualTo(Designer.Hosting.DemoAccounts.Users.Count));
        });
    }

    [Test]
    public async Task Postgres_two_nodes_starting_together_create_accounts_once()
    {
        await using var database = await SharedDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["WorkflowKit:Storage:Provider"] = "PostgreSql",
            ["WorkflowKit:Storage:ConnectionString"] = database.ConnectionString,
        };
        await using var first = new DesignerAppFactory(settings: settings);
        await using var second = new DesignerAppFactory(settings: settings);

        var started = await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services))
            .WaitAsync(TimeSpan.FromMinutes(4));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.That(started, Has.Length.EqualTo(2));
        Assert.That(await CountUsersAsync(connection), Is.EqualTo(Designer.Hosting.DemoAccounts.Users.Count));
    }

    [Test]
    public async Task Postgres_first_start_waits_past_command_timeout()
    {
        // Node two's connections time out after 1 s, as Npgsql's default 30 s would on a longer sample load. Node one
        // holds the first-start lock for several seconds, because the test's table lock stops its account count.
        await using var database = await SharedDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["WorkflowKit:Storage:Provider"] = "PostgreSql",
            ["WorkflowKit:Storage:ConnectionString"] = database.ConnectionString,
            ["WorkflowKit:DemoAccounts"] = "false",
            ["WorkflowKit:PublicHolidays"] = "false",
        };
        await using var nodeOne = new DesignerAppFactory(settings: settings);
        await using var nodeTwo = new DesignerAppFactory(settings: new Dictionary<string, string>(settings)
        {
            ["WorkflowKit:Storage:ConnectionString"] =
                new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 1 }.ToString(),
        });
        var logs = new LogCapture();
        await using var loggedTwo = nodeTwo.WithWebHostBuilder(builder =>
            builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        _ = nodeOne.Services;
        _ = loggedTwo.Services;

        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockUsers = new NpgsqlCommand("LOCK TABLE designer_users IN ACCESS EXCLUSIVE MODE", blocker, hold))
        {
            await lockUsers.ExecuteNonQueryAsync();
        }

        var first = Bootstrapper(nodeOne).InitializeAsync(CancellationToken.None);
        var blocked = await WaitForLockWaiterAsync(blocker, "relation", TimeSpan.FromMinutes(1));
        var second = Bootstrapper(loggedTwo).InitializeAsync(CancellationToken.None);
        var waited = await WaitForAdvisoryLockWaiterAsync(blocker, TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(4));
        var secondDoneEarly = second.IsCompleted;
        await hold.CommitAsync();

        Assert.That(async () => await first.WaitAsync(TimeSpan.FromMinutes(2)), Throws.Nothing);
        Assert.That(async () => await second.WaitAsync(TimeSpan.FromMinutes(2)), Throws.Nothing);
        Assert.That(blocked, Is.True, "node one never waited for the account table");
        Assert.That(waited, Is.True, "node two never waited for the first-start lock");
        Assert.That(secondDoneEarly, Is.False, "node two finished while node one held the lock");
        Assert.That(await CountUsersAsync(blocker), Is.EqualTo(Designer.Hosting.DemoAccounts.Users.Count));
        var waitingLines = logs.WithId(WaitingForOtherFirstStart);
        Assert.That(waitingLines, Has.Count.EqualTo(1));
        Assert.That(waitingLines[0].Message, Does.StartWith(
            "Another node holds the first-start lock of the database (PostgreSql: "));
        Assert.That(logs.WithId(StartFailed), Is.Empty);
    }

    [Test]
    public async Task Postgres_first_start_wait_cancelled_is_no_outage()
    {
        await using var database = await SharedDatabase.CreateAsync();
        await using var app = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:Storage:Provider"] = "PostgreSql",
            ["WorkflowKit:Storage:ConnectionString"] = database.ConnectionString,
            ["WorkflowKit:DemoAccounts"] = "false",
            ["WorkflowKit:PublicHolidays"] = "false",
        });
        _ = app.Services;
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@name, 0))", other))
        {
            take.Parameters.AddWithValue("name", Designer.Hosting.DesignerBootstrapper.FirstStartLockName);
            await take.ExecuteScalarAsync();
        }

        using var stopping = new CancellationTokenSource();
        var start = Bootstrapper(app).InitializeAsync(stopping.Token);
        var waited = await WaitForAdvisoryLockWaiterAsync(other, TimeSpan.FromMinutes(1));
        await stopping.CancelAsync();
        var error = Assert.CatchAsync(() => start.WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.That(waited, Is.True, "the designer never waited for the first-start lock");
        Assert.That(error, Is.InstanceOf<OperationCanceledException>(), error?.ToString());
        Assert.That(await CountUsersAsync(other), Is.Zero);
    }

    private const int StartFailed = 5007;
    private const int WaitingForOtherFirstStart = 5016;

    // A bootstrapper of the app's services that creates the demo accounts, without the sample and the holidays.
    private static Designer.Hosting.DesignerBootstrapper Bootstrapper(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var configured = app.Services
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Designer.Hosting.DesignerOptions>>().Value;
        var options = new Designer.Hosting.DesignerOptions
        {
            DemoAccounts = true,
            SampleData = false,
            PublicHolidays = false,
            TemplatesPath = configured.TemplatesPath,
            SamplesPath = configured.SamplesPath,
        };
        return ActivatorUtilities.CreateInstance<Designer.Hosting.DesignerBootstrapper>(
            app.Services, Microsoft.Extensions.Options.Options.Create(options));
    }

    private static async Task<bool> WaitForLockWaiterAsync(NpgsqlConnection connection, string type, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = @type AND NOT granted", connection);
            waiting.Parameters.AddWithValue("type", type);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> WaitForAdvisoryLockWaiterAsync(NpgsqlConnection connection, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted " +
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<long> CountUsersAsync(NpgsqlConnection connection)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM designer_users", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
