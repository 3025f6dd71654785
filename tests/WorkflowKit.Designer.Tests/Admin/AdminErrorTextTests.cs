using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// Errors on the admin pages and the records page in the page's language, with what to do, and never the English
/// text of a .NET exception. Pages run in bunit over the services of a designer on its own SQLite file.
/// </summary>
[TestFixture]
public sealed partial class AdminErrorTextTests : AdminPageTests
{
    protected override string Culture => "zh-CN";

    protected override IReadOnlyList<Type> AppServices =>
    [
        typeof(AccountStore), typeof(AccountImport), typeof(RoleCatalog), typeof(RoleStore), typeof(DataImportService),
    ];

    [Test]
    public void Import_oversized_file_stays_on_page()
    {
        var page = Context.Render<DataImport>();

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(new byte[62_914_736], "orders.csv"));

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=import-error]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=import-error]").TextContent.Trim(), Is.EqualTo(
            "文件“orders.csv”有 60.0 MB，但导入的文件最大 50 MB。请把数据行拆分到几个文件中，逐个导入。"));
        Assert.That(Snackbars(), Is.Empty);
    }

    [Test]
    public void Import_other_file_type_is_explained()
    {
        var page = Context.Render<DataImport>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("a,b\n1,2\n", "orders.txt"));

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=import-error]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=import-error]").TextContent.Trim(), Is.EqualTo(
            "文件“orders.txt”不是 .csv 或 .xlsx 文件。请在 Excel 中另存为 CSV UTF-8 或 Excel 工作簿（.xlsx）后重新选择。"));
    }

    [Test]
    public void Users_short_password_in_chinese()
    {
        var page = Context.Render<Users>();

        TestIds.Input(page, "new-user-name").Change("qa1");
        TestIds.Input(page, "new-user-password").Change("short");
        page.Find("[data-testid=create-user]").Click();
        page.WaitForState(() => Snackbars().Count > 0);

        Assert.That(Snackbars(), Is.EqualTo(new[] { "“qa1”的密码只有 5 个字符，请至少使用 8 个字符。" }));
    }

    [Test]
    public void Users_oversized_file_names_limit()
    {
        var page = Context.Render<Users>();

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(new byte[11 * 1024 * 1024], "users.json"));

        page.WaitForAssertion(() => Assert.That(
            page.FindAll("[data-testid=import-users-error]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=import-users-error]").TextContent.Trim(), Is.EqualTo(
            "文件“users.json”有 11.0 MB，但用户文件最大 10 MB。请拆分为几个文件，逐个导入。"));
    }

    [Test]
    public void Roles_invalid_key_in_chinese()
    {
        var page = Context.Render<Roles>();

        TestIds.Input(page, "role-key").Change("QA Reviewer");
        TestIds.Input(page, "role-name-zh").Change("质量审核");
        page.Find("[data-testid=create-role]").Click();
        page.WaitForState(() => Snackbars().Count > 0);

        Assert.That(Snackbars(), Is.EqualTo(new[]
        {
            "角色标识“QA Reviewer”无效。请使用 2 到 40 个小写字母、数字或连字符，并以字母开头，例如 qa-reviewer。",
        }));
    }

    [Test]
    public async Task Roles_delete_held_role_in_chinese()
    {
        var roles = App.Services.GetRequiredService<RoleStore>();
        var accounts = App.Services.GetRequiredService<AccountStore>();
        await roles.CreateAsync("qa-reviewer", new Definitions.LocalizedText("质量审核", "QA reviewer"),
            new Definitions.LocalizedText(), "admin", default);
        await accounts.SetRoleAsync("finance1", "qa-reviewer", true, default);
        var page = Context.Render<Roles>();

        page.Find("[data-testid=role-row][data-role=qa-reviewer]").ParentElement!
            .QuerySelector("[data-testid=delete-role]")!.Click();
        page.WaitForState(() => Snackbars().Count > 0);

        Assert.That(Snackbars(), Is.EqualTo(new[] { "角色“qa-reviewer”还有 1 个成员（finance1），请先移除他们。" }));
    }

    [Test]
    public void Saved_view_without_name_in_chinese()
    {
        var records = App.Services.GetRequiredService<RecordService>();
        var user = new UserContext("admin", "管理员", null, [RoleNames.Admin], new Dictionary<string, string>(), "zh-CN");

        var error = Assert.ThrowsAsync<InvalidInputException>(() =>
            records.SaveViewAsync(user, "any-form", "  ", null, [], [], default));

        Assert.That(new UiText { Culture = "zh-CN" }.Describe(error!), Is.EqualTo("保存视图需要名称，请填写后再保存。"));
        Assert.That(error!.Message, Is.EqualTo("A saved view needs a name; type one and save again."));
    }

    [Test]
    public void Every_input_error_has_chinese_text()
    {
        var formats = Directory.EnumerateFiles(DesignerFolder(), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => InputErrorFormat().Matches(File.ReadAllText(file)))
            .Select(match => string.Concat(match.Groups["part"].Captures.Select(part => Regex.Unescape(part.Value))))
            .ToList();

        var missing = formats.Where(format => !ChineseStrings.Values.ContainsKey(format)).ToList();

        Assert.That(formats, Has.Count.GreaterThanOrEqualTo(12));
        Assert.That(missing, Is.Empty, "Add these to AdminErrorChineseStrings: " + string.Join(" | ", missing));
    }

    private static string DesignerFolder()
    {
        var directory = new DirectoryInfo(NUnit.Framework.TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkflowKit.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(
            directory?.FullName ?? throw new DirectoryNotFoundException("WorkflowKit.sln not found above the tests."),
            "designer", "WorkflowKit.Designer");
    }

    // The format of `new InvalidInputException("…" + "…", …)`, which may be split into concatenated literals.
    [GeneratedRegex("""new InvalidInputException\(\s*(?:"(?<part>(?:[^"\\]|\\.)*)"\s*\+?\s*)+""")]
    private static partial Regex InputErrorFormat();
}
