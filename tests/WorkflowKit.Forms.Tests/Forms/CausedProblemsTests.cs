using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class CausedProblemsTests
{
    private static FormDefinition Customer()
    {
        var credit = TestForms.Field("creditLimit", FieldTypes.Money, "信用额度", "Credit limit");
        credit.Min = 0;
        var name = TestForms.Field("name", FieldTypes.Text, "名称", "Name");
        name.MaxLength = 5;
        return new FormDefinition { Key = "customer", Fields = [credit, name] };
    }

    private static async Task<IReadOnlyList<string>> CausedAsync(string before, string after)
    {
        var validator = new FormValidatorFactory(new FormValidationServices())
            .Create(Customer(), CultureInfo.GetCultureInfo("en"));
        var earlier = await validator.ValidateAsync(new FormSubmission((JsonObject)JsonNode.Parse(before)!));
        var now = await validator.ValidateAsync(new FormSubmission((JsonObject)JsonNode.Parse(after)!));
        var caused = CausedProblems.Except(now.Errors, CausedProblems.IdentitiesOf(earlier.Errors));
        return [.. caused.Select(failure => $"{failure.PropertyName} {failure.ErrorCode}")];
    }

    [Test]
    public async Task Problem_the_data_already_had_is_not_caused()
    {
        var caused = await CausedAsync(
            """{"creditLimit":-5,"name":"abc"}""", """{"creditLimit":-5,"name":"abcdefgh"}""");

        Assert.That(caused, Is.EqualTo(new[] { "name length" }));
    }

    [Test]
    public async Task Changed_value_breaking_same_rule_is_caused()
    {
        var caused = await CausedAsync("""{"creditLimit":-5,"name":"abc"}""", """{"creditLimit":-6,"name":"abc"}""");

        Assert.That(caused, Is.EqualTo(new[] { "creditLimit range" }));
    }

    [Test]
    public async Task Fixed_problem_leaves_nothing()
    {
        var caused = await CausedAsync("""{"creditLimit":-5,"name":"abc"}""", """{"creditLimit":5,"name":"abc"}""");

        Assert.That(caused, Is.Empty);
    }
}
