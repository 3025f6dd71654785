using System.Text;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;

namespace WorkflowKit.Definitions.Tests.Json;

public sealed class JsonSourceReaderTests
{
    [Test]
    public void Utf8_bom_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"kind": "form"}""")).ToArray();

        using var source = JsonSourceReader.Read("bom.json", bytes);

        Assert.That(source.Diagnostics, Is.Empty);
        Assert.That(source.Document!.RootElement.GetProperty("kind").GetString(), Is.EqualTo("form"));
    }

    [Test]
    public void Utf16_is_rejected_with_advice()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("""{"kind": "form"}""")).ToArray();

        using var source = JsonSourceReader.Read("utf16.json", bytes);

        Assert.That(source.Document, Is.Null);
        Assert.That(source.Diagnostics.Single().ToString(), Is.EqualTo(
            "utf16.json:1:1: error WK1001 /: The file is encoded as UTF-16; definitions must be UTF-8 (a UTF-8 byte " +
            "order mark is accepted). Save the file as UTF-8."));
    }

    [Test]
    public void Invalid_utf8_names_byte_and_position()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"name\": \"客户").Concat(new byte[] { 0xB5, 0xA5, (byte)'"',
            (byte)'}' }).ToArray();

        using var source = JsonSourceReader.Read("gbk.json", bytes);

        var diagnostic = source.Diagnostics.Single();
        Assert.That((diagnostic.Code, diagnostic.Line, diagnostic.Column), Is.EqualTo((DiagnosticCodes.InvalidUtf8,
            2, 14)));
        Assert.That(diagnostic.Message, Does.StartWith("Byte 0xB5 at offset 19 is not valid UTF-8"));
    }

    [Test]
    public void Duplicate_key_reports_both_positions()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"a\": {\"x\": 1,\n  \"x\": 2}\n}");

        using var source = JsonSourceReader.Read("dup.json", bytes);

        Assert.That(source.Diagnostics.Single().ToString(), Is.EqualTo(
            "dup.json:3:3: error WK1004 /a/x: Property \"x\" appears twice in one object (first at line 2, column 9); " +
            "only one value can count. Remove or rename one of them."));
    }

    [Test]
    public void Positions_are_recorded_for_nested_pointers()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"nodes\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"type\": " +
            "1}\n  ]\n}");

        using var source = JsonSourceReader.Read("p.json", bytes);

        Assert.That(source.PositionOf("/nodes/1/type"), Is.EqualTo(new TextPosition(4, 17)));
        Assert.That(source.PositionOf("/nodes/1"), Is.EqualTo(new TextPosition(4, 5)));
        Assert.That(source.PositionOf("/nodes/1/missing"), Is.EqualTo(new TextPosition(4, 5)));
    }

    [Test]
    public void Syntax_error_gives_line_and_column()
    {
        using var source = JsonSourceReader.Read("bad.json", Encoding.UTF8.GetBytes("{\n  \"a\": 1,\n}"));

        var diagnostic = source.Diagnostics.Single();
        Assert.That((diagnostic.Code, diagnostic.Line), Is.EqualTo((DiagnosticCodes.JsonSyntax, 3)));
        Assert.That(diagnostic.Column, Is.EqualTo(1));
        Assert.That(diagnostic.Message, Is.EqualTo(
            "The file is not valid JSON at line 3, column 1 (JSON path $): a comma follows the last property of the " +
            "object. Remove that comma."));
    }

    [Test]
    public void Syntax_error_column_counts_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\": {\"zh-CN\": \"客户\" \"en\": \"Customer\"}}");

        using var source = JsonSourceReader.Read("customer.form.json", bytes);

        var diagnostic = source.Diagnostics.Single();
        Assert.That((diagnostic.Line, diagnostic.Column), Is.EqualTo((1, 25)));
        Assert.That(diagnostic.Message, Is.EqualTo(
            "The file is not valid JSON at line 1, column 25 (JSON path $.name): a comma is missing before '\"'. Add " +
            "a comma between the two values or properties."));
    }
}
