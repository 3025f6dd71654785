using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

/// <summary>
/// Text fields without <c>maxLength</c> take a default maximum, so an API client cannot store megabytes in one
/// field.
/// </summary>
public sealed class TextLengthDefaultTests
{
    private static async Task<IReadOnlyList<string>> ErrorsAsync(FieldDefinition field, string text)
    {
        var form = new FormDefinition { Key = "note", Fields = [field] };
        var validator = new FormValidatorFactory(new FormValidationServices())
            .Create(form, CultureInfo.GetCultureInfo("en"));
        var result = await validator.ValidateAsync(new FormSubmission(new JsonObject { [field.Id] = text }));
        return [.. result.Errors.Select(error => $"{error.PropertyName} {error.ErrorCode}: {error.ErrorMessage}")];
    }

    [Test]
    public async Task Text_without_maxLength_stops_at_2000()
    {
        var field = TestForms.Field("remark", FieldTypes.Text, "备注", "Remark");

        Assert.That(await ErrorsAsync(field, new string('x', 2000)), Is.Empty);
        Assert.That(await ErrorsAsync(field, new string('x', 2001)), Is.EqualTo(new[]
        {
            "remark length: \"Remark\" is 2001 characters long; at most 2000 are allowed",
        }));
    }

    [Test]
    public async Task Long_text_without_maxLength_stops_at_50000()
    {
        var field = TestForms.Field("notes", FieldTypes.LongText, "说明", "Notes");

        Assert.That(await ErrorsAsync(field, new string('x', 50_000)), Is.Empty);
        Assert.That(await ErrorsAsync(field, new string('x', 50_001)), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Stated_maxLength_replaces_the_default()
    {
        var field = TestForms.Field("remark", FieldTypes.Text, "备注", "Remark");
        field.MaxLength = 5_000;

        Assert.That(await ErrorsAsync(field, new string('x', 4_000)), Is.Empty);
    }
}
