using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Localization;

/// <summary>
/// The page's <c>&lt;html lang&gt;</c> is the signed-in user's UI language, which the pages render in, whatever
/// language the browser requests in Accept-Language. Before sign-in it follows Accept-Language.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed partial class HtmlLangTests
{
    [TestCase("zh-CN", "en-US,en;q=0.9")]
    [TestCase("en", "zh-CN,zh;q=0.9")]
    public async Task Lang_is_user_culture(string culture, string acceptLanguage)
    {
        await using var app = new DesignerAppFactory();
        await app.Services.GetRequiredService<AccountStore>()
            .SetCultureAsync("sales1", culture, CancellationToken.None);
        using var client = await CookieClients.SignInAsync(app, "sales1");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(HtmlLang().Match(page).Groups["lang"].Value, Is.EqualTo(culture));
    }

    [Test]
    public async Task Sign_in_page_follows_browser()
    {
        await using var app = new DesignerAppFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(HtmlLang().Match(page).Groups["lang"].Value, Is.EqualTo("en"));
    }

    [GeneratedRegex("<html lang=\"(?<lang>[^\"]*)\"")]
    private static partial Regex HtmlLang();
}
