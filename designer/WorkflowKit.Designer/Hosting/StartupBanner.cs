using System.Globalization;

namespace WorkflowKit.Designer.Hosting;

/// <summary>Prints where the app listens and the demo accounts, once it has started.</summary>
public static class StartupBanner
{
    public static void Print(ICollection<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var output = Console.Out;
        output.WriteLine();
        output.WriteLine("WorkflowKit designer is running.");
        foreach (var address in addresses)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Open {address} in a browser."));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"  Demo accounts (password {DemoAccounts.Password}):"));
        foreach (var user in DemoAccounts.Users)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"    {user.UserName,-11} {string.Join(", ", user.Roles),-15} {user.DisplayName}"));
        }

        output.WriteLine(
            "  Sample users of samples/data/users.json (salesmgr-east, credit-north, wh-south, ...) use the same "
            + "password when the first start loaded the sample.");
        output.WriteLine();
    }
}
