using System.Text.Json;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Tests.Flows;

/// <summary>Sample data of a test run and uploaded flow files get JSON errors in the page's language.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class FlowJsonInputTests
{
    private static readonly UiText English = new() { Culture = "en" };
    private static readonly UiText Chinese = new() { Culture = "zh-CN" };

    [Test]
    public void Sample_data_error_in_english()
    {
        var input = new FlowJsonInput(English).ParseSampleData("{\"total\": 600000,}", out var error);

        Assert.That(input, Is.Null);
        Assert.That(error, Is.EqualTo(
            "The sample data is not valid JSON at line 1, column 18 (JSON path $): a comma follows the last property " +
            "of the object. Remove that comma."));
    }

    [Test]
    public void Sample_data_error_in_chinese()
    {
        var input = new FlowJsonInput(Chinese).ParseSampleData("{\"total\"：600000}", out var error);

        Assert.That(input, Is.Null);
        Assert.That(error, Is.EqualTo(
            "示例数据不是有效的 JSON：第 1 行第 9 列（JSON 路径 $）'：' 是全角字符，JSON 需要半角的 ':'。请换成半角的 ':'。"));
    }

    [Test]
    public void Sample_data_must_be_object()
    {
        var input = new FlowJsonInput(Chinese).ParseSampleData("[1]", out var error);

        Assert.That(input, Is.Null);
        Assert.That(error, Is.EqualTo("示例数据必须是 JSON 对象，例如 {\"total\": 600000}。"));
    }

    [Test]
    public void Sample_data_object_is_returned()
    {
        var input = new FlowJsonInput(English).ParseSampleData("{\"total\": 600000}", out var error);

        Assert.That(error, Is.Null);
        Assert.That((int?)input!["total"], Is.EqualTo(600000));
    }

    [Test]
    public void Uploaded_file_error_names_file()
    {
        const string json = "{\n  \"kind\": \"flow\",\n  \"key\": \"order\"\n  \"nodes\": []\n}";
        var error = Assert.Catch<JsonException>(() => DefinitionJson.Deserialize<FlowDefinition>(json))!;

        var message = new FlowJsonInput(Chinese).Describe(error, "order.flow.json", json);

        Assert.That(message, Is.EqualTo(
            "order.flow.json 不是有效的 JSON：第 4 行第 3 列（JSON 路径 $）'\"' 前面缺少逗号。请在两个值或属性之间加上逗号。"));
    }
}
