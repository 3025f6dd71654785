using System.Text.RegularExpressions;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>In-process HTTP clients signed in through the login form, as a browser is, with a demo account's password.</summary>
internal static partial class CookieClients
{
    /// <summary>Signs <paramref name="userName"/> in with the demo password and returns the client holding the cookie.</summary>
    public static async Task<HttpClient> SignInAsync(DesignerAppFactory app, string userName) =>
        await SignInAsync(app, userName, Designer.Hosting.DemoAccounts.Password);

    /// <summary>Signs <paramref name="userName"/> in with <paramref name="password"/>; fails the test when refused.</summary>
    public static async Task<HttpClient> SignInAsync(DesignerAppFactory app, string userName, string password)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var loginPage = await client.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(loginPage).Groups["token"].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        });
        using var signIn = await client.PostAsync("/account/login", form);
        Assert.That(signIn.Headers.Location?.ToString(), Is.EqualTo("/"), $"sign-in of {userName} failed");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
