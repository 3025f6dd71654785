using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Designer.Api;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <see cref="JsonBodyTypes"/> finds the member type at a System.Text.Json path and names the token that was read.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class JsonBodyTypesTests
{
    private static readonly JsonSerializerOptions Web = ReadOnlyWebOptions();

    [TestCase("$", typeof(Order))]
    [TestCase("$.lines", typeof(List<Line>))]
    [TestCase("$.lines[2]", typeof(Line))]
    [TestCase("$.lines[0].quantity", typeof(int))]
    [TestCase("$.LINES[0].Quantity", typeof(int))]
    [TestCase("$.prices['unit.price']", typeof(decimal))]
    [TestCase("$.data", typeof(JsonObject))]
    public void Find_returns_member_type(string path, Type expected) =>
        Assert.That(JsonBodyTypes.Find(typeof(Order), path, Web), Is.EqualTo(expected));

    [TestCase("$.data.total")]
    [TestCase("$.unknown")]
    [TestCase("$.lines.quantity")]
    public void Find_outside_typed_members_is_null(string path) =>
        Assert.That(JsonBodyTypes.Find(typeof(Order), path, Web), Is.Null);

    [TestCase("Cannot get the value of a token type 'StartArray' as a string.", "a list")]
    [TestCase("Cannot get the value of a token type 'False' as a number.", "true or false")]
    [TestCase("Either the JSON value is not in a supported format.", null)]
    public void DescribeFound_names_token(string message, string? expected) =>
        Assert.That(JsonBodyTypes.DescribeFound(new InvalidOperationException(message)), Is.EqualTo(expected));

    // The app's options are read-only with the reflection resolver once a request body has been read.
    private static JsonSerializerOptions ReadOnlyWebOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed record Order(List<Line> Lines, Dictionary<string, decimal> Prices, JsonObject Data);

    private sealed record Line(int Quantity);
}
