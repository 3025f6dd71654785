using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// A signed-in cookie follows the stored account: a removed role or a disabled account applies
/// to the next request, not at the next sign-in.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class CookieAccountCheckTests
{
    private const string DesignOnlyPath = "/api/definitions/flows/no-such-flow/draft";

    [Test]
    public async Task Removed_role_applies_next_request()
    {
        await using var app = new DesignerAppFactory();
        using var client = await CookieClients.SignInAsync(app, "owner");
        var accounts = app.Services.GetRequiredService<AccountStore>();

        using var before = await client.GetAsync(DesignOnlyPath);
        await accounts.SetRoleAsync("owner", RoleNames.ProcessOwner, member: false, CancellationToken.None);
        using var after = await client.GetAsync(DesignOnlyPath);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Added_role_applies_next_request()
    {
        await using var app = new DesignerAppFactory();
        using var client = await CookieClients.SignInAsync(app, "sales1");
        var accounts = app.Services.GetRequiredService<AccountStore>();

        using var before = await client.GetAsync(DesignOnlyPath);
        await accounts.SetRoleAsync("sales1", RoleNames.ProcessOwner, member: true, CancellationToken.None);
        using var after = await client.GetAsync(DesignOnlyPath);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Disabled_account_loses_cookie_access()
    {
        await using var app = new DesignerAppFactory();
        using var client = await CookieClients.SignInAsync(app, "sales1");
        var accounts = app.Services.GetRequiredService<AccountStore>();

        using var before = await client.GetAsync("/api/tasks");
        var user = await accounts.FindAsync("sales1", CancellationToken.None);
        await accounts.UpdateAsync(user! with { Disabled = true }, CancellationToken.None);
        using var after = await client.GetAsync("/api/tasks");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
