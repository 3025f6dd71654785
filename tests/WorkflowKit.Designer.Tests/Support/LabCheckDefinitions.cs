using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// Form "lab-check" for import tests of cell meanings: a required code with the pattern <c>C\d{4}</c>, an optional
/// date and a required money field.
/// </summary>
public static class LabCheckDefinitions
{
    public const string FormKey = "lab-check";

    public static FormDefinition Form() => new()
    {
        Key = FormKey,
        Name = new LocalizedText("化验单", "Lab check"),
        TitleField = "code",
        Fields =
        [
            new FieldDefinition
            {
                Id = "code", Type = FieldTypes.Text, Label = new LocalizedText("code", "code"), Required = true,
                Pattern = "C\\d{4}",
                PatternMessage = new LocalizedText("编码为 C 加四位数字", "A code is C followed by four digits"),
            },
            new FieldDefinition { Id = "launched", Type = FieldTypes.Date, Label = new LocalizedText("launched", "launched") },
            new FieldDefinition
            {
                Id = "total", Type = FieldTypes.Money, Label = new LocalizedText("total", "total"), Required = true,
            },
        ],
    };

    public static Task PublishAsync(IDefinitionService definitions, string userId) =>
        TestPackages.PublishFormAsync(definitions, Form(), userId);
}
