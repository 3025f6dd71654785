using System.Text.Json.Nodes;
using Bunit;
using MudBlazor.Extensions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Forms.Regions;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The datetime, address, department and serial inputs of a form: what they store, what they show read-only, and
/// that text they cannot read reaches the field check instead of disappearing.
/// </summary>
[TestFixture]
public sealed class FieldEntryTests : ComponentTestBase
{
    private static readonly Dictionary<string, string> Departments = new(StringComparer.Ordinal)
    {
        ["sales-east"] = "华东销售部", ["sales-north"] = "华北销售部", ["finance"] = "财务部",
    };

    private static FormDefinition Form(params FieldDefinition[] fields) => new() { Key = "zoo", Fields = [.. fields] };

    private static FieldDefinition Field(string id, string type, string label) =>
        new() { Id = id, Type = type, Label = new LocalizedText(label) };

    private IRenderedComponent<FormRenderer> Render(
        FormDefinition form, JsonObject data, bool readOnly = false, bool serialsAssigned = true) =>
        Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, data)
            .Add(p => p.ReadOnly, readOnly)
            .Add(p => p.DepartmentNames, Departments)
            .Add(p => p.SerialsAssigned, serialsAssigned));

    [Test]
    public async Task Datetime_pick_stores_tenant_offset()
    {
        var data = new JsonObject();
        var cut = Render(Form(Field("due", FieldTypes.DateTime, "Due")), data);

        await PickAsync(cut, new DateTime(2026, 3, 29), null);
        Assert.That(data.ContainsKey("due"), Is.False, "a date without a time is not stored");
        await PickAsync(cut, null, new TimeSpan(9, 30, 0));

        Assert.That(data["due"]!.GetValue<string>(), Is.EqualTo("2026-03-29T09:30:00+08:00"));
        Assert.That(cut.Find("[data-field=due] [data-part=date] input").GetAttribute("value"), Is.EqualTo("2026-03-29"));
        Assert.That(cut.FindAll("[data-field=due] input[type=datetime-local]"), Is.Empty);
    }

    [Test]
    public void Datetime_shows_stored_value_in_zone()
    {
        var data = new JsonObject { ["due"] = "2026-03-29T02:30:00+01:00" };

        var editable = Render(Form(Field("due", FieldTypes.DateTime, "Due")), data);
        var readOnly = Render(Form(Field("due", FieldTypes.DateTime, "Due")), data, readOnly: true);

        Assert.Multiple(() =>
        {
            Assert.That(editable.Find("[data-field=due] [data-part=date] input").GetAttribute("value"),
                Is.EqualTo("2026-03-29"));
            Assert.That(editable.Find("[data-field=due] [data-part=time] input").GetAttribute("value"),
                Is.EqualTo("09:30"));
            Assert.That(readOnly.Find("[data-field=due] input").GetAttribute("value"), Is.EqualTo("2026-03-29 09:30"));
            Assert.That(readOnly.Find("[data-field=due]").TextContent, Does.Contain("Times in Asia/Shanghai"));
        });
    }

    [Test]
    public void Datetime_follows_chinese_page()
    {
        Context.Services.GetRequiredService<WorkflowKit.Designer.Localization.UiText>().Culture = "zh-CN";
        var data = new JsonObject { ["due"] = "2026-12-20T15:45:00+08:00" };

        var cut = Render(Form(Field("due", FieldTypes.DateTime, "Due")), data);

        Assert.That(cut.Find("[data-field=due] [data-part=date] input").GetAttribute("value"), Is.EqualTo("2026/12/20"));
        Assert.That(cut.Find("[data-field=due] [data-part=time] input").GetAttribute("value"), Is.EqualTo("15:45"));
        Assert.That(cut.Find("[data-field=due] [data-part=time]").TextContent, Does.Contain("时间"));
    }

    [Test]
    public async Task Datetime_uses_flow_zone_and_bounds()
    {
        var due = Field("due", FieldTypes.DateTime, "Due");
        due.Max = "2026-12-31T18:00:00+08:00";
        due.Min = "2026-01-01T00:30:00+08:00";
        var data = new JsonObject();
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, Form(due))
            .Add(p => p.Data, data)
            .Add(p => p.TimeZone, "Europe/Berlin"));
        var picker = cut.FindComponent<MudBlazor.MudDatePicker>().Instance;

        await PickAsync(cut, new DateTime(2026, 3, 29), new TimeSpan(9, 30, 0));

        Assert.That(data["due"]!.GetValue<string>(), Is.EqualTo("2026-03-29T09:30:00+02:00"));
        Assert.That(picker.GetState(x => x.MaxDate), Is.EqualTo(new DateTime(2026, 12, 31)));
        Assert.That(picker.GetState(x => x.MinDate), Is.EqualTo(new DateTime(2025, 12, 31)));
        Assert.That(cut.Find("[data-field=due]").TextContent, Does.Contain("Times in Europe/Berlin"));

        await PickAsync(cut, new DateTime(2027, 1, 1), new TimeSpan(9, 0, 0));
        cut.Find("form").Submit();

        Assert.That(data["due"]!.GetValue<string>(), Is.EqualTo("2027-01-01T09:00:00+01:00"));
        Assert.That(cut.Find("[data-testid=form-errors]").TextContent, Does.Contain(
            "\"Due\" time \"2027-01-01T09:00:00+01:00\" is later than the latest allowed time 2026-12-31T18:00:00+08:00"));
    }

    [Test]
    public void Datetime_keeps_unreadable_text_as_error()
    {
        var data = new JsonObject { ["due"] = "29.03.2026 09:30" };
        var cut = Render(Form(Field("due", FieldTypes.DateTime, "Due")), data);

        cut.Find("form").Submit();

        Assert.That(data["due"]!.GetValue<string>(), Is.EqualTo("29.03.2026 09:30"));
        Assert.That(cut.Find("[data-testid=form-errors]").TextContent, Does.Contain(
            "\"Due\" expects a date and time with an offset such as 2024-03-05T09:30:00+08:00, got \"29.03.2026 09:30\""));
    }

    /// <summary>Picks a date and a time in the datetime input, as the pickers report them; null leaves a part as it is.</summary>
    private static async Task PickAsync(IRenderedComponent<FormRenderer> cut, DateTime? date, TimeSpan? time)
    {
        if (date is not null)
        {
            var datePicker = cut.FindComponent<MudBlazor.MudDatePicker>().Instance;
            await cut.InvokeAsync(() => datePicker.DateChanged.InvokeAsync(date));
        }

        if (time is not null)
        {
            var timePicker = cut.FindComponent<MudBlazor.MudTimePicker>().Instance;
            await cut.InvokeAsync(() => timePicker.TimeChanged.InvokeAsync(time));
        }
    }

    [Test]
    public void Datetime_marks_stored_date_without_time()
    {
        var data = new JsonObject { ["due"] = "2026-03-29" };

        var cut = Render(Form(Field("due", FieldTypes.DateTime, "Due")), data);

        Assert.That(cut.Find("[data-field=due]").TextContent,
            Does.Contain("\"2026-03-29\" is not a date and time. Pick a date and a time."));
        Assert.That(data["due"]!.GetValue<string>(), Is.EqualTo("2026-03-29"));
    }

    [Test]
    public async Task Department_typed_name_stores_id()
    {
        var data = new JsonObject();
        var cut = Render(Form(Field("dept", FieldTypes.Department, "Department")), data);
        var box = cut.FindComponent<MudBlazor.MudAutocomplete<string>>();

        await cut.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync("华东销售部"));

        Assert.That(data["dept"]!.GetValue<string>(), Is.EqualTo("sales-east"));
    }

    [Test]
    public async Task Department_search_matches_names()
    {
        var cut = Render(Form(Field("dept", FieldTypes.Department, "Department")), new JsonObject());
        var box = cut.FindComponent<MudBlazor.MudAutocomplete<string>>();

        var found = await cut.InvokeAsync(() => box.Instance.SearchFunc!("销售", CancellationToken.None)!);

        Assert.That(found, Is.EquivalentTo(new[] { "sales-east", "sales-north" }));
    }

    [Test]
    public async Task Department_unknown_text_kept_for_check()
    {
        var data = new JsonObject();
        var cut = Render(Form(Field("dept", FieldTypes.Department, "Department")), data);
        var box = cut.FindComponent<MudBlazor.MudAutocomplete<string>>();

        await cut.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync("华南销售部"));

        Assert.That(data["dept"]!.GetValue<string>(), Is.EqualTo("华南销售部"));
    }

    [Test]
    public void Department_read_only_shows_name()
    {
        var data = new JsonObject { ["dept"] = "sales-east" };

        var cut = Render(Form(Field("dept", FieldTypes.Department, "Department")), data, readOnly: true);

        Assert.That(cut.Find("[data-field=dept] input").GetAttribute("value"), Is.EqualTo("华东销售部"));
    }

    [Test]
    public async Task Subtable_member_column_offers_users()
    {
        var lines = Field("visits", FieldTypes.SubTable, "Visits");
        var department = Field("dept", FieldTypes.Department, "Department");
        lines.Fields = [Field("rep", FieldTypes.Member, "Rep"), department];
        var row = new JsonObject { ["rep"] = "sales-east-1", ["dept"] = "finance" };
        var data = new JsonObject { ["visits"] = new JsonArray(row) };
        var users = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sales-east-1"] = "刘洋 Liu Yang", ["sales-east-2"] = "陈静 Chen Jing",
        };
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, Form(lines))
            .Add(p => p.Data, data)
            .Add(p => p.UserNames, users)
            .Add(p => p.DepartmentNames, Departments));
        var select = cut.FindComponents<MudBlazor.MudSelect<string>>().Single(item => item.Instance.Label == "Rep");

        await cut.InvokeAsync(() => select.Instance.OpenMenu());
        var choices = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("sales-east-2"));

        Assert.That(choices, Is.EqualTo(new[] { "刘洋 Liu Yang", "陈静 Chen Jing" }));
        Assert.That(row["rep"]!.GetValue<string>(), Is.EqualTo("sales-east-2"));
        Assert.That(cut.Find("[data-field=dept] input").GetAttribute("value"), Is.EqualTo("财务部"));
    }

    [Test]
    public async Task Address_levels_build_object()
    {
        var site = Field("site", FieldTypes.Address, "Site");
        site.AddressLevel = "district";
        site.AddressDetail = true;
        var data = new JsonObject();
        var cut = Render(Form(site), data);

        await SelectAsync(cut, "Province", "上海市");
        await SelectAsync(cut, "City", "上海市");
        await SelectAsync(cut, "District", "黄浦区");
        cut.Find("[data-level=detail] input").Change("南京东路 100 号");

        Assert.That(data["site"]!.ToJsonString(), Is.EqualTo(new JsonObject
        {
            ["province"] = "上海市", ["city"] = "上海市", ["district"] = "黄浦区", ["detail"] = "南京东路 100 号",
        }.ToJsonString()));
    }

    [Test]
    public async Task Address_province_change_clears_city()
    {
        var site = Field("site", FieldTypes.Address, "Site");
        site.AddressLevel = "city";
        var data = new JsonObject { ["site"] = new JsonObject { ["province"] = "上海市", ["city"] = "上海市" } };
        var cut = Render(Form(site), data);

        await SelectAsync(cut, "Province", "浙江省");

        Assert.That(data["site"]!.ToJsonString(), Is.EqualTo(new JsonObject { ["province"] = "浙江省" }.ToJsonString()));
        Assert.That(cut.FindAll("[data-level=district]"), Is.Empty);
    }

    [Test]
    public void Address_read_only_shows_text()
    {
        var data = new JsonObject
        {
            ["site"] = new JsonObject { ["province"] = "浙江省", ["city"] = "杭州市", ["district"] = "西湖区" },
        };

        var cut = Render(Form(Field("site", FieldTypes.Address, "Site")), data, readOnly: true);

        Assert.That(cut.Find("[data-field=site] input").GetAttribute("value"), Is.EqualTo("浙江省杭州市西湖区"));
    }

    [Test]
    public void Region_list_covers_mainland_levels()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ChinaRegions.Provinces.Count(), Is.EqualTo(31));
            Assert.That(ChinaRegions.CitiesOf("广东省"), Does.Contain("深圳市"));
            Assert.That(ChinaRegions.CitiesOf("上海市"), Is.EqualTo(new[] { "上海市" }));
            Assert.That(ChinaRegions.DistrictsOf("上海市", "上海市"), Does.Contain("黄浦区"));
            Assert.That(ChinaRegions.DistrictsOf("重庆市", "重庆市"), Does.Contain("巫山县"));
        });
    }

    [TestCase(true, "Assigned on submit")]
    [TestCase(false, "Not assigned")]
    public void Serial_says_whether_assigned(bool assigned, string shown)
    {
        var serial = Field("no", FieldTypes.Serial, "No.");
        serial.SerialPattern = "C-{seq:3}";

        var cut = Render(Form(serial), new JsonObject(), serialsAssigned: assigned);

        Assert.That(cut.Find("[data-field=no] input").GetAttribute("value"), Is.EqualTo(shown));
        Assert.That(cut.Find("[data-field=no]").TextContent.Contains(
            "This flow stores no record, so it assigns no serial number.", StringComparison.Ordinal), Is.EqualTo(!assigned));
    }

    private static async Task SelectAsync(IRenderedComponent<FormRenderer> cut, string label, string value)
    {
        var select = cut.FindComponents<MudBlazor.MudSelect<string>>().Single(item => item.Instance.Label == label);
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }
}
