using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Json.Internal;

namespace WorkflowKit.Definitions.Tests.Json;

[Parallelizable(ParallelScope.All)]
public sealed class JsonErrorDescriberTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [TestCase("{\"a\": 1,}", JsonErrorKind.TrailingComma, 1, 9, "$", "a comma follows the last property of the object")]
    [TestCase("[1, 2,\n]", JsonErrorKind.TrailingComma, 2, 1, "$", "a comma follows the last item of the list")]
    [TestCase("{\"a\": 1\n \"b\": 2}", JsonErrorKind.MissingComma, 2, 2, "$", "a comma is missing before '\"'")]
    [TestCase("[1 2]", JsonErrorKind.MissingComma, 1, 4, "$", "a comma is missing before '2'")]
    [TestCase("{\"a\": \"xy", JsonErrorKind.UnclosedString, 1, 10, "$.a",
        "the text in double quotes that starts at line 1, column 7 is not closed")]
    [TestCase("{\"a\": \"x\ny\"}", JsonErrorKind.UnclosedString, 1, 9, "$.a",
        "the text in double quotes that starts at line 1, column 7 is not closed before the end of its line")]
    [TestCase("{\"a\": 1 // note\n}", JsonErrorKind.Comment, 1, 9, "$",
        "the text contains a comment (//), which JSON does not allow")]
    [TestCase("/* head */ {}", JsonErrorKind.Comment, 1, 1, "$", "the text contains a comment (/*)")]
    [TestCase("{\"users\": [\n  {\"id\": 1}\n", JsonErrorKind.UnexpectedEnd, 3, 1, "$.users",
        "the text ends before the list that starts at line 1, column 11 is closed")]
    [TestCase("{\"a\":", JsonErrorKind.UnexpectedEnd, 1, 6, "$.a",
        "the text ends before the object that starts at line 1, column 1 is closed")]
    [TestCase("", JsonErrorKind.Empty, 1, 1, "$", "the text contains no JSON value")]
    [TestCase("{\"a\" 1}", JsonErrorKind.MissingColon, 1, 6, "$", "a colon is missing after the property name \"a\"")]
    [TestCase("{a: 1}", JsonErrorKind.UnquotedPropertyName, 1, 2, "$", "the property name a is not in double quotes")]
    [TestCase("{\"a\": 'x'}", JsonErrorKind.SingleQuotes, 1, 7, "$.a", "'x' is in single quotes")]
    [TestCase("{\"a\": [1, yes]}", JsonErrorKind.InvalidValue, 1, 11, "$.a[1]", "'yes' is not a JSON value")]
    [TestCase("{\"a\": True}", JsonErrorKind.InvalidValue, 1, 7, "$.a", "'True' is not a JSON value")]
    [TestCase("{\"a\": 01}", JsonErrorKind.InvalidNumber, 1, 7, "$.a", "'01' is not a valid JSON number")]
    [TestCase("{\"a\": 1.}", JsonErrorKind.InvalidNumber, 1, 7, "$.a", "'1.' is not a valid JSON number")]
    [TestCase("{\"a\": ,}", JsonErrorKind.MissingValue, 1, 7, "$.a", "a value is missing before ','")]
    [TestCase("{\"a\": }", JsonErrorKind.MissingValue, 1, 7, "$.a", "a value is missing before '}'")]
    [TestCase("{\"a\": [1}", JsonErrorKind.MismatchedBracket, 1, 9, "$.a",
        "'}' does not close the list that starts at line 1, column 7")]
    [TestCase("{\"a\": \"\\q\"}", JsonErrorKind.InvalidEscape, 1, 8, "$.a", "\\q is not a valid escape sequence")]
    [TestCase("{\"a\": \"x\ty\"}", JsonErrorKind.ControlCharacter, 1, 9, "$.a",
        "the text in double quotes contains the control character U+0009")]
    [TestCase("{\"a\": 1}}", JsonErrorKind.TextAfterEnd, 1, 9, "$", "'}' follows the end of the JSON value")]
    [TestCase("{\"a\": 1} {\"b\": 2}", JsonErrorKind.TextAfterEnd, 1, 10, "$", "'{' follows the end of the JSON value")]
    [TestCase("{\"a\"：1}", JsonErrorKind.FullWidthCharacter, 1, 5, "$",
        "'：' is a full-width character where JSON needs ':'")]
    [TestCase("{\"a\": 1，\"b\": 2}", JsonErrorKind.FullWidthCharacter, 1, 8, "$",
        "'，' is a full-width character where JSON needs ','")]
    [TestCase("{\"单价\": 1\n\"数量\" 2}", JsonErrorKind.MissingComma, 2, 1, "$", "a comma is missing before '\"'")]
    [TestCase("{\"名称\": \"华东\" x}", JsonErrorKind.MissingComma, 1, 13, "$", "a comma is missing before 'x'")]
    public void Syntax_error_is_classified(
        string text, JsonErrorKind kind, int line, int column, string path, string problem)
    {
        var error = ParseError(text);

        var description = JsonErrorDescriber.Describe(error, "org.json", text);

        Assert.That(description.Kind, Is.EqualTo(kind));
        Assert.That((description.Line, description.Column), Is.EqualTo((line, column)));
        Assert.That(description.Path, Is.EqualTo(path));
        Assert.That(description.Problem, Does.StartWith(problem));
    }

    [Test]
    public void Message_names_source_place_problem_and_fix()
    {
        const string text = "{\n  \"users\": [],\n}";

        var description = JsonErrorDescriber.Describe(ParseError(text), "org.json", text);

        Assert.That(description.Message, Is.EqualTo(
            "org.json is not valid JSON at line 3, column 1 (JSON path $): a comma follows the last property of the " +
            "object. Remove that comma."));
    }

    [Test]
    public void Request_body_starts_with_capital()
    {
        const string text = "{\"action\": \"approve\"";

        var description = JsonErrorDescriber.Describe(ParseError(text), JsonErrorDescriber.RequestBody, text);

        Assert.That(description.Message, Is.EqualTo(
            "The request body is not valid JSON at line 1, column 21 (JSON path $): the text ends before the object " +
            "that starts at line 1, column 1 is closed. Complete the last value and add the missing }."));
    }

    [Test]
    public void Chinese_message_for_chinese_culture()
    {
        const string text = "{\"a\": 1,}";

        var description = JsonErrorDescriber.Describe(ParseError(text), JsonErrorDescriber.RequestBody, text, Chinese);

        Assert.That(description.Message, Is.EqualTo(
            "请求正文不是有效的 JSON：第 1 行第 9 列（JSON 路径 $）对象的最后一个属性后面多了逗号。请删除这个逗号。"));
    }

    [Test]
    public void Chinese_message_sets_file_name_apart()
    {
        const string text = "{\"a\": 1 \"b\": 2}";

        var description = JsonErrorDescriber.Describe(ParseError(text), "org.json", text, Chinese);

        Assert.That(description.Message, Is.EqualTo(
            "org.json 不是有效的 JSON：第 1 行第 9 列（JSON 路径 $）'\"' 前面缺少逗号。请在两个值或属性之间加上逗号。"));
    }

    [Test]
    public void Column_counts_characters_not_bytes()
    {
        const string text = "{\"名称\": \"华东\" \"x\": 1}";

        var error = ParseError(text);
        var description = JsonErrorDescriber.Describe(error, "org.json", text);

        Assert.That(error.BytePositionInLine, Is.EqualTo(20));
        Assert.That(description.Column, Is.EqualTo(13));
    }

    [Test]
    public void Comments_pass_when_reader_skips_them()
    {
        const string text = "{\n  // users\n  \"users\": [] \"roles\": []\n}";
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        var error = Assert.Catch<JsonException>(() => JsonNode.Parse(text, documentOptions: options))!;

        var description = JsonErrorDescriber.Describe(error, "org.json", text, allowComments: true);

        Assert.That(description.Kind, Is.EqualTo(JsonErrorKind.MissingComma));
        Assert.That((description.Line, description.Column), Is.EqualTo((3, 15)));
    }

    [Test]
    public void Reader_message_is_used_when_scanner_disagrees()
    {
        const string text = "{\n  // note\n  \"a\": 1,\n}";
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        var error = Assert.Catch<JsonException>(() => JsonNode.Parse(text, documentOptions: options))!;

        var description = JsonErrorDescriber.Describe(error, "org.json", text);

        Assert.That(description.Kind, Is.EqualTo(JsonErrorKind.TrailingComma));
        Assert.That((description.Line, description.Column), Is.EqualTo((4, 1)));
    }

    [Test]
    public void Wrong_type_names_found_and_expected()
    {
        const string text = "{\n  \"count\": \"two\"\n}";
        var error = Assert.Catch<JsonException>(() => JsonSerializer.Deserialize<Counter>(text, Web))!;

        var description = JsonErrorDescriber.Describe(error, "count.json", text);

        Assert.That(description.Kind, Is.EqualTo(JsonErrorKind.WrongType));
        Assert.That(description.Message, Is.EqualTo(
            "count.json has an invalid value at line 2, column 12 (JSON path $.count): the value is text, but it " +
            "must be a whole number. Correct the value."));
    }

    [Test]
    public void Wrong_type_uses_caller_expectation()
    {
        const string text = "{\"count\": [1]}";
        var error = Assert.Catch<JsonException>(() => JsonSerializer.Deserialize<Counter>(text, Web))!;

        var description = JsonErrorDescriber.Describe(error, "count.json", text, expected: "a count of boxes");

        Assert.That(description.Problem, Is.EqualTo("the value is a list, but it must be a count of boxes"));
        Assert.That(description.Column, Is.EqualTo(11));
    }

    [Test]
    public void Duplicate_property_is_named_with_both_places()
    {
        const string text = "{\n  \"count\": 1,\n  \"count\": 2\n}";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };
        var error = Assert.Catch<JsonException>(() => JsonSerializer.Deserialize<Counter>(text, options))!;

        var description = JsonErrorDescriber.Describe(error, "count.json", text);

        Assert.That(description.Kind, Is.EqualTo(JsonErrorKind.DuplicateProperty));
        Assert.That(description.Message, Is.EqualTo(
            "count.json has an invalid value at line 3, column 3 (JSON path $.count): the property \"count\" appears " +
            "twice in one object (first at line 2, column 3). Remove or rename one of them."));
    }

    [TestCase("{\"a\": 1,}", JsonErrorKind.TrailingComma)]
    [TestCase("{\"a\": 1 \"b\": 2}", JsonErrorKind.MissingComma)]
    [TestCase("{\"a\": \"x\"", JsonErrorKind.UnexpectedEnd)]
    [TestCase("{\"a\": \"x", JsonErrorKind.UnclosedString)]
    [TestCase("{\"a\": x}", JsonErrorKind.InvalidValue)]
    [TestCase("{\"a\" 1}", JsonErrorKind.MissingColon)]
    [TestCase("{\"a\": 1 /* c */}", JsonErrorKind.Comment)]
    [TestCase("{\"a\": 1}}", JsonErrorKind.TextAfterEnd)]
    public void Reader_message_is_fallback_without_text(string text, JsonErrorKind kind)
    {
        var error = Assert.Catch<JsonException>(() => JsonSerializer.Deserialize<JsonObject>(text))!;

        var description = JsonErrorDescriber.Describe(error, JsonErrorDescriber.RequestBody, null);

        Assert.That(description.Kind, Is.EqualTo(kind));
        Assert.That(description.Line, Is.EqualTo(1));
        Assert.That(description.Column, Is.EqualTo(error.BytePositionInLine + 1));
        Assert.That(description.Message, Does.Not.Contain("LineNumber"));
        Assert.That(description.Message, Does.Not.Contain("reader options"));
    }

    [Test]
    public void Unrecognized_reader_message_gets_general_words()
    {
        var error = new JsonException("Something new went wrong.", "$.a", 0, 4, new JsonException("inner"));

        var description = JsonErrorDescriber.Describe(error, "x.json", null);

        Assert.That(description.Kind, Is.EqualTo(JsonErrorKind.Unknown));
        Assert.That(description.Message, Is.EqualTo(
            "x.json is not valid JSON at line 1, column 5 (JSON path $.a): the text cannot be read here. Check for a " +
            "missing quote, comma, colon or bracket at or just before this place."));
    }

    [Test]
    public void Converter_message_is_kept_without_location()
    {
        const string text = "{\"count\": 1}";
        var error = new JsonException("Expected a text for 'access'. Path: $.count | LineNumber: 0 | BytePositionInLine: 11.",
            "$.count", 0, 11);

        var description = JsonErrorDescriber.Describe(error, "flow.json", text);

        Assert.That(description.Message, Is.EqualTo(
            "flow.json has an invalid value at line 1, column 11 (JSON path $.count): Expected a text for 'access'. " +
            "Correct the value."));
    }

    [Test]
    public void Deep_nesting_is_named_without_scanning_the_text()
    {
        // A signed-in user can send this body. Describing it once built a path string for every level, so memory
        // grew with the square of the depth (20 GB for a 200 KB body).
        var text = "{\"data\": {\"x\": " + new string('[', 100_000) + new string(']', 100_000) + "}}";
        var error = ParseError(text);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var description = JsonErrorDescriber.Describe(error, JsonErrorDescriber.RequestBody, text);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.That(description.Kind, Is.EqualTo(JsonErrorKind.TooDeep));
        Assert.That(description.Message, Does.StartWith("The request body is not valid JSON at line 1, column 78"));
        Assert.That(description.Problem, Is.EqualTo("objects and lists are nested more than 64 levels deep"));
        Assert.That(allocated, Is.LessThan(10 * text.Length * sizeof(char)));
    }

    [Test]
    public void Deep_nesting_in_chinese()
    {
        var text = new string('[', 200) + new string(']', 200);

        var description = JsonErrorDescriber.Describe(ParseError(text), "data.json", text, Chinese);

        Assert.That(description.Problem, Is.EqualTo("对象和列表嵌套超过 64 层"));
    }

    [Test]
    public void Scanner_cost_stays_linear_in_deep_wide_text()
    {
        // 200 levels (deeper than the request reader allows, within the scanner's limit), then many values, ending
        // in a syntax error: a path string per value would allocate about 600 characters for each of them.
        var text = new string('[', 200) + string.Join(",", Enumerable.Repeat("1", 50_000)) + ", yes" +
            new string(']', 200);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var scan = JsonTextScanner.Scan(text, allowComments: false, allowTrailingCommas: false);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.That(scan.Syntax?.Kind, Is.EqualTo(JsonErrorKind.InvalidValue));
        Assert.That(scan.Syntax!.Path, Does.StartWith("$[0][0]").And.EndWith("[50000]"));
        Assert.That(allocated, Is.LessThan(20 * text.Length * sizeof(char)));
    }

    [Test]
    public void Scanner_stops_past_its_depth_limit()
    {
        var text = "{\"a\": {\"b\": " + new string('[', 300_000) + "x";

        var scan = JsonTextScanner.Scan(text, allowComments: false, allowTrailingCommas: false);

        Assert.That(scan.Syntax?.Kind, Is.EqualTo(JsonErrorKind.TooDeep));
        Assert.That(scan.Syntax!.Path, Is.EqualTo("$.a.b"));
    }

    private static JsonException ParseError(string text) =>
        Assert.Catch<JsonException>(() => JsonNode.Parse(text)?.AsObject().Count.ToString(CultureInfo.InvariantCulture))!;

    private sealed class Counter
    {
        public int Count { get; init; }
    }
}
