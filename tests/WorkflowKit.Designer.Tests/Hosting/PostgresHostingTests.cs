using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
