using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Components;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Tests.Localization;

/// <summary>MudBlazor's own texts follow the circuit's language through <see cref="MudTextLocalizer"/>.</summary>
[TestFixture]
public sealed class MudTextLocalizerTests
{
    private static readonly string[] Rows = ["a", "b", "c"];

    [TestCase("zh-CN", "下一页", "每页行数：", "1-3，共 3 条")]
    [TestCase("en", "Next page", "Rows per page:", "1-3 of 3")]
    public async Task Table_pager_follows_language(string culture, string nextPage, string rowsPerPage, string info)
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddScoped(_ => new UiText { Culture = culture });
        context.Services.AddTransient<MudLocalizer, MudTextLocalizer>();
        context.Render<MudPopoverProvider>();

        var cut = context.Render<MudTable<string>>(parameters => parameters
            .Add(table => table.Items, Rows)
            .Add(table => table.RowTemplate, row => builder => builder.AddContent(0, row))
            .Add(table => table.PagerContent, builder =>
            {
                builder.OpenComponent<Pager>(0);
                builder.CloseComponent();
            }));

        var pager = cut.Find(".mud-table-pagination");
        Assert.That(pager.QuerySelectorAll("button").Select(button => button.GetAttribute("aria-label")),
            Does.Contain(nextPage));
        Assert.That(pager.TextContent, Does.Contain(rowsPerPage));
        Assert.That(pager.TextContent, Does.Contain(info));
    }

    [Test]
    public void Every_mudblazor_key_has_chinese_text()
    {
        // MudBlazor 9 lists its resource keys as string constants of LanguageResource.
        var keys = typeof(MudLocalizer).Assembly.GetType("MudBlazor.Resources.LanguageResource")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic |
                System.Reflection.BindingFlags.Static)
            .Where(field => field.FieldType == typeof(string))
            .Select(field => field.Name)
            .ToList();

        var missing = keys.Where(key => !MudChineseStrings.Values.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();

        Assert.That(keys, Has.Count.GreaterThan(100));
        Assert.That(missing, Is.Empty, "Add these to MudChineseStrings: " + string.Join(" | ", missing));
    }

    [Test]
    public void English_reports_key_not_found()
    {
        var localizer = new MudTextLocalizer(new UiText { Culture = "en" });

        var text = localizer["MudTablePager_NextPage"];

        Assert.That(text.ResourceNotFound, Is.True);
    }

    [Test]
    public void Chinese_fills_in_arguments()
    {
        var localizer = new MudTextLocalizer(new UiText { Culture = "zh-CN" });

        var text = localizer["MudPagination_PageIndex", 3];

        Assert.That(text.Value, Is.EqualTo("第 3 页"));
        Assert.That(text.ResourceNotFound, Is.False);
    }
}
