using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// The REST API checks the site visit form as the start page does: a right-to-left override in the subject and a
/// visit time after the field's max are rejected with 422, and a detail line is required by <c>addressDetail</c>.
/// </summary>
[TestFixture]
public sealed class FieldEntryApiTests
{
    [Test]
    public async Task Start_rejects_bidi_override_and_missing_detail()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        await FieldEntryDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");

        using var response = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = FieldEntryDefinitions.FlowKey,
            data = new
            {
                subject = "visit \u202Egnp.exe",
                visitAt = "2026-12-20T08:45:00+01:00",
                site = new { province = "上海市", city = "上海市", district = "黄浦区" },
                dept = "sales-east",
            },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToJsonString());
        Assert.That(errors.Select(pair => pair.Key), Is.EquivalentTo(new[] { "subject", "site" }), problem.ToJsonString());
        // The API words messages in the caller's language, and sales1 reads Chinese.
        Assert.That(errors["subject"]![0]!.GetValue<string>(), Does.StartWith("“主题” 第 7 个字符是不可见的文字方向控制符 U+202E"));
        Assert.That(errors["site"]![0]!.GetValue<string>(), Is.EqualTo("“拜访地址” 需要填写详细地址（街道、门牌号）"));
    }

    [Test]
    public async Task Start_rejects_visit_after_max()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        await FieldEntryDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");

        // 10:30 UTC is 18:30 in Shanghai, half an hour after the field's max of 18:00 (+08:00).
        using var response = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = FieldEntryDefinitions.FlowKey,
            data = new
            {
                subject = "仁济医院 设备巡检",
                visitAt = "2027-06-30T10:30:00Z",
                site = new { province = "上海市", city = "上海市", district = "黄浦区", detail = "南京东路 100 号" },
                dept = "sales-east",
            },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToJsonString());
        Assert.That(errors.Select(pair => pair.Key), Is.EqualTo(new[] { "visitAt" }), problem.ToJsonString());
        Assert.That(errors["visitAt"]![0]!.GetValue<string>(), Does.StartWith("“拜访时间” 的时间 "));
        Assert.That(errors["visitAt"]![0]!.GetValue<string>(), Does.EndWith(
            " 晚于允许的最晚时间 2027-06-30T18:00:00+08:00"));
    }

    [Test]
    public async Task Start_accepts_fields_in_any_offset()
    {
        await using var factory = new DesignerAppFactory();
        using var sales1 = await ApiAccessTests.ClientForAsync(factory, "sales1");
        await FieldEntryDefinitions.PublishAsync(factory.Services.GetRequiredService<IDefinitionService>(), "owner");

        using var response = await sales1.PostAsJsonAsync("/api/instances", new
        {
            flowKey = FieldEntryDefinitions.FlowKey,
            data = new
            {
                subject = "仁济医院 设备巡检",
                visitAt = "2026-12-20T08:45:00+01:00",
                site = new { province = "上海市", city = "上海市", district = "黄浦区", detail = "南京东路 100 号" },
                dept = "sales-east",
            },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }
}
