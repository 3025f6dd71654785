using System.Globalization;

namespace WorkflowKit.Definitions.Json.Internal;

/// <summary>
/// The English and Chinese sentences of <see cref="JsonErrorDescriber"/>: the message around a problem, and the
/// problem and fix of each <see cref="JsonErrorKind"/>.
/// </summary>
/// <param name="chinese">Whether to word in Chinese.</param>
/// <param name="text">The text that was read, to name the line and column of opening brackets and quotes.</param>
internal sealed class JsonErrorWording(bool chinese, string? text)
{
    public string Message(
        string source, bool syntax, int line, int column, string path, string problem, string fix)
    {
        if (chinese)
        {
            var name = source == JsonErrorDescriber.RequestBody ? "请求正文" : source;

            // A file name such as order.flow.json is set apart from the Chinese text that follows it.
            var space = name.Length > 0 && char.IsAscii(name[^1]) ? " " : string.Empty;
            var headline = syntax ? $"{name}{space}不是有效的 JSON" : $"{name}{space}中有无效的值";
            return Invariant($"{headline}：第 {line} 行第 {column} 列（JSON 路径 {path}）{problem}。{fix}");
        }

        var subject = source.StartsWith("the ", StringComparison.Ordinal) ? "T" + source[1..] : source;
        var verb = syntax ? "is not valid JSON" : "has an invalid value";
        return Invariant($"{subject} {verb} at line {line}, column {column} (JSON path {path}): {problem}. {fix}");
    }

    /// <summary>Returns the problem, without a final full stop, and the fix, with one.</summary>
    public (string Problem, string Fix) Explain(JsonScanProblem found, string? expected)
    {
        var c = found.Found;
        return found.Kind switch
        {
            JsonErrorKind.Empty => chinese
                ? ("内容中没有 JSON 值", "请写入一个 JSON 值，例如用 { } 括起的对象。")
                : ("the text contains no JSON value", "Write one JSON value, such as an object in { }."),
            JsonErrorKind.MissingComma => chinese
                ? ($"'{c}' 前面缺少逗号", "请在两个值或属性之间加上逗号。")
                : ($"a comma is missing before '{c}'", "Add a comma between the two values or properties."),
            JsonErrorKind.TrailingComma => TrailingComma(c),
            JsonErrorKind.Comment => chinese
                ? ($"包含注释（{c}），JSON 不允许注释", "请删除注释。")
                : ($"the text contains a comment ({c}), which JSON does not allow", "Remove the comment."),
            JsonErrorKind.UnclosedString => UnclosedString(found),
            JsonErrorKind.ControlCharacter => chinese
                ? ($"双引号文本中包含控制字符 {c}", "请转义它，例如制表符写成 \\t。")
                : ($"the text in double quotes contains the control character {c}",
                    "Escape it, such as a tab as \\t."),
            JsonErrorKind.InvalidEscape => chinese
                ? ($"{c} 不是有效的转义序列", "反斜杠请写成 \\\\，或使用 \\\" \\/ \\b \\f \\n \\r \\t \\uXXXX 之一。")
                : ($"{c} is not a valid escape sequence",
                    "Write a backslash as \\\\, or use one of \\\" \\/ \\b \\f \\n \\r \\t \\uXXXX."),
            JsonErrorKind.UnexpectedEnd => UnexpectedEnd(found),
            JsonErrorKind.MissingColon => MissingColon(found.Expected),
            JsonErrorKind.UnquotedPropertyName => chinese
                ? ($"属性名 {c} 没有用双引号括起", $"请写成 \"{c}\"。")
                : ($"the property name {c} is not in double quotes", $"Write it as \"{c}\"."),
            JsonErrorKind.SingleQuotes => chinese
                ? ($"{c} 用了单引号", "文本和属性名请用双引号（\"）。")
                : ($"{c} is in single quotes", "Use double quotes (\") for text and property names."),
            JsonErrorKind.InvalidValue => chinese
                ? ($"'{c}' 不是 JSON 值", "文本请用双引号括起，true、false 和 null 请用小写。")
                : ($"'{c}' is not a JSON value",
                    "Put text in double quotes, and write true, false and null in lower case."),
            JsonErrorKind.InvalidNumber => chinese
                ? ($"'{c}' 不是有效的 JSON 数字", "数字请写成 12、-3.5 或 1e6 的形式，不要有前导零；其他文本请用双引号括起。")
                : ($"'{c}' is not a valid JSON number",
                    "Write numbers such as 12, -3.5 or 1e6 without leading zeros, and put other text in double " +
                    "quotes."),
            JsonErrorKind.MissingValue => chinese
                ? ($"'{c}' 前面缺少值", "请写上值，或删除多余的逗号或冒号。")
                : ($"a value is missing before '{c}'", "Write the value, or remove the extra comma or colon."),
            JsonErrorKind.MismatchedBracket => MismatchedBracket(found),
            JsonErrorKind.FullWidthCharacter => FullWidth(c),
            JsonErrorKind.TextAfterEnd => chinese
                ? ($"JSON 值结束后还有 '{c}'", "请删除它，或把多个值放进一个列表 [ ]。")
                : ($"'{c}' follows the end of the JSON value",
                    c is "}" or "]"
                        ? "Remove it, because it closes no object or list."
                        : "Remove it, or put several values in one list [ ]."),
            JsonErrorKind.WrongType => WrongType(c, expected),
            JsonErrorKind.DuplicateProperty => chinese
                ? ($"同一个对象中属性 \"{c}\" 出现了两次（第一次在{At(found.RelatedOffset)}）", "请删除或重命名其中一个。")
                : ($"the property \"{c}\" appears twice in one object (first at {At(found.RelatedOffset)})",
                    "Remove or rename one of them."),
            JsonErrorKind.TooDeep => chinese
                ? ($"对象和列表嵌套超过 {found.Expected} 层", "请减少嵌套层数；表单数据和定义都不需要这么深的嵌套。")
                : ($"objects and lists are nested more than {found.Expected} levels deep",
                    "Nest them less deeply; form data and definitions never need this many levels."),
            _ => chinese
                ? ("此处的内容无法读取", "请检查此处或它前面是否缺少引号、逗号、冒号或括号。")
                : ("the text cannot be read here",
                    "Check for a missing quote, comma, colon or bracket at or just before this place."),
        };
    }

    private (string, string) TrailingComma(string? close)
    {
        var list = close == "]";
        return chinese
            ? (list ? "列表的最后一项后面多了逗号" : "对象的最后一个属性后面多了逗号", "请删除这个逗号。")
            : (list ? "a comma follows the last item of the list" : "a comma follows the last property of the object",
                "Remove that comma.");
    }

    private (string, string) UnclosedString(JsonScanProblem found)
    {
        var atEnd = text is null || found.Offset >= text.Length;
        var start = At(found.RelatedOffset);
        if (chinese)
        {
            return atEnd
                ? ($"从{start}开始的双引号文本没有结束", "请补上结尾的双引号（\"）。")
                : ($"从{start}开始的双引号文本在这一行结束前没有闭合", "请补上结尾的双引号（\"），文本中的换行请写成 \\n。");
        }

        return atEnd
            ? ($"the text in double quotes that starts at {start} is not closed", "Add the closing double quote (\").")
            : ($"the text in double quotes that starts at {start} is not closed before the end of its line",
                "Add the closing double quote (\"), or write a line break inside text as \\n.");
    }

    private (string, string) UnexpectedEnd(JsonScanProblem found)
    {
        if (found.RelatedOffset is not { } open || text is null)
        {
            return chinese
                ? ("JSON 还没有写完，文本就结束了", "请补全最后一个值，并闭合所有对象和列表。")
                : ("the text ends before the JSON is complete",
                    "Complete the last value and close every object and list.");
        }

        var isObject = text[open] == '{';
        return chinese
            ? ($"从{At(open)}开始的{(isObject ? "对象" : "列表")}还没有闭合，文本就结束了",
                $"请补全最后一个值，并加上缺少的 {found.Expected}。")
            : ($"the text ends before the {(isObject ? "object" : "list")} that starts at {At(open)} is closed",
                $"Complete the last value and add the missing {found.Expected}.");
    }

    private (string, string) MissingColon(string? name)
    {
        var quoted = name is null ? string.Empty : $" \"{name}\"";
        return chinese
            ? ($"属性名{quoted}后面缺少冒号", "请在属性名和值之间加上冒号（:）。")
            : ($"a colon is missing after the property name{quoted}",
                "Add a colon (:) between the name and its value.");
    }

    private (string, string) MismatchedBracket(JsonScanProblem found)
    {
        var close = found.Found;
        if (found.RelatedOffset is not { } open || text is null)
        {
            return chinese
                ? ($"'{close}' 没有对应的开括号", "请删除它，或补上开括号。")
                : ($"'{close}' does not close an open object or list", "Remove it, or add the bracket that it closes.");
        }

        var isObject = text[open] == '{';
        var closer = isObject ? '}' : ']';
        return chinese
            ? ($"'{close}' 与从{At(open)}开始的{(isObject ? "对象" : "列表")}不匹配", $"请用 '{closer}' 闭合它，或检查前面的括号。")
            : ($"'{close}' does not close the {(isObject ? "object" : "list")} that starts at {At(open)}",
                $"Close it with '{closer}', or check the brackets before it.");
    }

    private (string, string) FullWidth(string? found)
    {
        var ascii = found is { Length: 1 } ? JsonTextScanner.FullWidth(found[0]) : null;
        if (ascii == ' ')
        {
            return chinese
                ? ($"'{found}' 是全角空格或特殊空格", "请换成普通的半角空格。")
                : ($"'{found}' is a full-width or non-breaking space", "Replace it with a plain space.");
        }

        return chinese
            ? ($"'{found}' 是全角字符，JSON 需要半角的 '{ascii}'", $"请换成半角的 '{ascii}'。")
            : ($"'{found}' is a full-width character where JSON needs '{ascii}'", $"Replace it with '{ascii}'.");
    }

    private (string, string) WrongType(string? found, string? expected)
    {
        if (chinese)
        {
            var problem = found is null ? "值的类型不符合要求" : $"值是{found}，类型不符合要求";
            return (expected is null ? problem : $"{problem}，应为{expected}", "请更正这个值。");
        }

        var value = found is null ? "the value" : $"the value is {found}, but it";
        return (expected is null ? $"{value} has the wrong type here" : $"{value} must be {expected}",
            "Correct the value.");
    }

    private string At(int? offset)
    {
        if (offset is not { } value || text is null)
        {
            return chinese ? "前面" : "an earlier place";
        }

        var (line, column) = JsonErrorDescriber.Position(text, value);
        return chinese ? Invariant($"第 {line} 行第 {column} 列") : Invariant($"line {line}, column {column}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
