using Bunit;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// The users page in bunit over the account store of a designer on its own SQLite file: a user that the database
/// rejects gets a message with what to do, without the database's own text.
/// </summary>
[TestFixture]
public sealed class UsersPageTests : AdminPageTests
{
    protected override string Culture => "en";

    protected override IReadOnlyList<Type> AppServices => [typeof(AccountStore), typeof(AccountImport), typeof(RoleCatalog)];

    [Test]
    public void Existing_user_name_shows_advice()
    {
        var page = Context.Render<Users>();

        TestIds.Input(page, "new-user-name").Change("sales1");
        TestIds.Input(page, "new-user-password").Change("long-enough-password");
        page.Find("[data-testid=create-user]").Click();

        var shown = Snackbars();
        Assert.That(shown, Is.EqualTo(new[]
        {
            "User \"sales1\" was not created because the database rejected it, most likely because a user with this " +
            "user name already exists. Choose another user name. The details are in the server log.",
        }));
        Assert.That(shown.Single(), Does.Not.Contain("SQLite"));
    }
}
