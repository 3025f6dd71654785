using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

/// <summary>Address values: the levels that <c>addressLevel</c> requires and the detail line of <c>addressDetail</c>.</summary>
public sealed class AddressFieldTests
{
    private static async Task<IReadOnlyList<string>> ErrorsAsync(FieldDefinition field, JsonNode value, string culture)
    {
        var form = new FormDefinition { Key = "shipping", Fields = [field] };
        var validator = new FormValidatorFactory(new FormValidationServices())
            .Create(form, CultureInfo.GetCultureInfo(culture));
        var result = await validator.ValidateAsync(new FormSubmission(new JsonObject { [field.Id] = value.DeepClone() }));
        return [.. result.Errors.Select(error => $"{error.PropertyName} {error.ErrorCode}: {error.ErrorMessage}")];
    }

    private static FieldDefinition Address(string level, bool detail)
    {
        var field = TestForms.Field("site", FieldTypes.Address, "收货地址", "Delivery address");
        field.AddressLevel = level;
        field.AddressDetail = detail;
        return field;
    }

    [Test]
    public async Task Detail_line_required_when_asked()
    {
        var value = new JsonObject { ["province"] = "上海市", ["city"] = "上海市", ["district"] = "黄浦区" };

        Assert.That(await ErrorsAsync(Address("district", detail: true), value, "en"), Is.EqualTo(new[]
        {
            "site addressDetail: \"Delivery address\" needs a detail line (street and number)",
        }));
        Assert.That(await ErrorsAsync(Address("district", detail: false), value, "en"), Is.Empty);
    }

    [Test]
    public async Task Detail_line_accepted()
    {
        var value = new JsonObject
        {
            ["province"] = "上海市", ["city"] = "上海市", ["district"] = "黄浦区", ["detail"] = "南京东路 100 号",
        };

        Assert.That(await ErrorsAsync(Address("district", detail: true), value, "en"), Is.Empty);
    }

    [Test]
    public async Task Missing_level_named_in_Chinese()
    {
        var value = new JsonObject { ["province"] = "浙江省" };

        Assert.That(await ErrorsAsync(Address("city", detail: false), value, "zh-CN"), Is.EqualTo(new[]
        {
            "site address: “收货地址” 需要选到市级",
        }));
    }

    [Test]
    public async Task Type_error_shows_Chinese_unescaped()
    {
        var field = Address("city", detail: false);

        var errors = await ErrorsAsync(field, new JsonObject { ["province"] = new JsonArray("上海市") }, "en");

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("上海市"));
        Assert.That(errors[0], Does.Not.Contain("\\u"));
    }
}
