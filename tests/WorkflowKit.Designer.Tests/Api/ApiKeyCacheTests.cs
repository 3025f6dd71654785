using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Tests.Api;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ApiKeyCacheTests
{
    [Test]
    public async Task Disabled_user_key_is_401_at_once()
    {
        await using var factory = new DesignerAppFactory();
        using var client = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var before = await client.GetAsync("/api/tasks");
        var accounts = factory.Services.GetRequiredService<AccountStore>();
        var user = (await accounts.FindAsync("sales1", default))!;

        await accounts.UpdateAsync(user with { Disabled = true }, default);
        using var after = await client.GetAsync("/api/tasks");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Key_revoked_in_database_stops_after_expiry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        await using var factory = new DesignerAppFactory(clock: clock);
        using var client = await ApiAccessTests.ClientForAsync(factory, "sales1");
        using var first = await client.GetAsync("/api/tasks");
        await using (var connection = await factory.Services.GetRequiredService<IDatabase>()
                         .OpenConnectionAsync(default))
        {
            await connection.ExecuteAsync("UPDATE designer_api_keys SET revoked = 1");
        }

        using var cached = await client.GetAsync("/api/tasks");
        clock.Advance(ApiKeyCache.Expiry);
        using var expired = await client.GetAsync("/api/tasks");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(cached.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
