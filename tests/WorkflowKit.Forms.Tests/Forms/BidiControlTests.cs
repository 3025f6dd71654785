using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

/// <summary>
/// Single-line text fields reject the invisible characters that reorder text, so that a title such as
/// "gnp.exe" written with a right-to-left override cannot show as "exe.png" on other pages.
/// </summary>
public sealed class BidiControlTests
{
    private static async Task<IReadOnlyList<string>> ErrorsAsync(FieldDefinition field, JsonNode value, string culture)
    {
        var form = new FormDefinition { Key = "upload", Fields = [field] };
        var validator = new FormValidatorFactory(new FormValidationServices())
            .Create(form, CultureInfo.GetCultureInfo(culture));
        var result = await validator.ValidateAsync(new FormSubmission(new JsonObject { [field.Id] = value }));
        return [.. result.Errors.Select(error => $"{error.PropertyName} {error.ErrorCode}: {error.ErrorMessage}")];
    }

    [TestCase("\u202E")]
    [TestCase("\u202D")]
    [TestCase("\u202A")]
    [TestCase("\u2067")]
    [TestCase("\u200F")]
    [TestCase("\u061C")]
    public async Task Text_rejects_bidi_control(string control)
    {
        var field = TestForms.Field("title", FieldTypes.Text, "标题", "Title");

        var errors = await ErrorsAsync(field, "photo" + control + "gnp.exe", "en");

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith($"title bidiControl: \"Title\" contains the invisible text direction " +
            $"control U+{(int)control[0]:X4} at character 6"));
    }

    [Test]
    public async Task Message_in_Chinese_names_position()
    {
        var field = TestForms.Field("title", FieldTypes.Text, "标题", "Title");

        var errors = await ErrorsAsync(field, "报告\u202Egnp.exe", "zh-CN");

        Assert.That(errors, Is.EqualTo(new[]
        {
            "title bidiControl: “标题” 第 3 个字符是不可见的文字方向控制符 U+202E，它会让文字倒着或错位显示；" +
            "请删除该字符（或重新输入这段文字）后再提交",
        }));
    }

    [Test]
    public async Task Sub_table_text_column_rejects_override()
    {
        var column = TestForms.Field("file", FieldTypes.Text, "文件", "File");
        var table = TestForms.Field("files", FieldTypes.SubTable, "文件列表", "Files");
        table.Fields = [column];

        var errors = await ErrorsAsync(
            table, new JsonArray(new JsonObject { ["file"] = "a.txt" }, new JsonObject { ["file"] = "\u202Egnp.exe" }),
            "en");

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("files[1].file bidiControl:"));
    }

    [Test]
    public async Task Plain_Arabic_and_Chinese_text_pass()
    {
        var field = TestForms.Field("title", FieldTypes.Text, "标题", "Title");

        Assert.That(await ErrorsAsync(field, "مرحبا 上海 report.png", "en"), Is.Empty);
    }

    [Test]
    public async Task Long_text_keeps_bidi_control()
    {
        var field = TestForms.Field("notes", FieldTypes.LongText, "说明", "Notes");

        Assert.That(await ErrorsAsync(field, "quoted \u202Etext\u202C here", "en"), Is.Empty);
    }
}
