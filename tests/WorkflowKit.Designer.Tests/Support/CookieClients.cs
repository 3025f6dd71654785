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
        using var signIn = await PostLoginAsync(client, userName, password, culture: null);
        Assert.That(signIn.Headers.Location?.ToString(), Is.EqualTo("/"), $"sign-in of {userName} failed");
        return client;
    }

    /// <summary>
    /// Opens the login page (in <paramref name="culture"/> when given, as its language links do) and posts its form
    /// with the page's fields; returns the reply, a redirect either way.
    /// </summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(
        HttpClient client, string userName, string password, string? culture)
    {
        var query = culture is null ? string.Empty : "?culture=" + culture;
        var loginPage = await client.GetStringAsync("/login" + query);
        var fields = new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(loginPage).Groups["token"].Value,
        };
        if (CultureField().Match(loginPage) is { Success: true } chosen)
        {
            fields["culture"] = chosen.Groups["culture"].Value;
        }

        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/account/login", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"culture\" value=\"(?<culture>[^\"]+)\"")]
    private static partial Regex CultureField();
}
