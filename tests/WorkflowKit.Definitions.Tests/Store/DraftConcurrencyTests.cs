using WorkflowKit.Storage;

namespace WorkflowKit.Definitions.Tests.Store;

public sealed class DraftConcurrencyTests
{
    [Test]
    public async Task Concurrent_saves_from_same_revision_one_wins_other_conflicts()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var first = await fixture.Store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow"), null,
            "alice", default);

        var saves = new[] { "bob", "carol" }.Select(user => Task.Run(async () =>
        {
            try
            {
                var draft = await fixture.Store.SaveDraftAsync(
                    "flow", "order-flow", Drafts.Flow("order-flow", approvalName: user), first.Revision, user, default);
                return (User: user, Saved: (long?)draft.Revision, Conflict: (ConcurrencyConflictException?)null);
            }
            catch (ConcurrencyConflictException conflict)
            {
                return (User: user, Saved: null, Conflict: conflict);
            }
        })).ToList();
        var results = await Task.WhenAll(saves);

        var winner = results.Single(result => result.Saved is not null);
        var loser = results.Single(result => result.Conflict is not null);
        Assert.That(winner.Saved, Is.EqualTo(2));
        Assert.That(loser.Conflict!.Message, Does.Contain("based on revision 1").And.Contain("now at revision 2")
            .And.Contain($"saved by {winner.User}"));
        Assert.That(loser.Conflict.ExpectedVersion, Is.EqualTo(1));
        Assert.That(loser.Conflict.ActualVersion, Is.EqualTo(2));
        Assert.That(loser.Conflict.ChangedBy, Is.EqualTo(winner.User));
        var stored = await fixture.Store.GetDraftAsync("flow", "order-flow", default);
        Assert.That(stored!.Json, Does.Contain($"\"name\": \"{winner.User}\""));
    }

    [Test]
    public async Task Concurrent_creates_of_new_draft_one_wins()
    {
        await using var fixture = await StoreFixture.CreateAsync();

        var results = await Task.WhenAll(new[] { "bob", "carol" }.Select(user => Task.Run(async () =>
        {
            try
            {
                await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, user, default);
                return true;
            }
            catch (ConcurrencyConflictException conflict) when (conflict.Message.Contains("no draft (a new definition)"))
            {
                return false;
            }
        })));

        Assert.That(results.Count(saved => saved), Is.EqualTo(1));
        Assert.That((await fixture.Store.GetDraftAsync("form", "order", default))!.Revision, Is.EqualTo(1));
    }

    [Test]
    public async Task Stale_save_after_newer_save_conflicts()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), 1, "bob", default);

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), 1, "alice", default));

        Assert.That(conflict!.Message, Is.EqualTo(
            "The draft of form \"order\" changed since you loaded it: your save was based on revision 1, but it is " +
            "now at revision 2, saved by bob at 2025-03-01T02:00:00.0000000+00:00. Reload the draft, reapply your " +
            "change and save again."));
    }

    [Test]
    public async Task Draft_with_other_key_is_refused()
    {
        await using var fixture = await StoreFixture.CreateAsync();

        var error = Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Store.SaveDraftAsync("form", "customer", Drafts.Form("order"), null, "alice", default));

        Assert.That(error!.Message, Does.Contain("got kind \"form\" and key \"order\""));
    }
}
