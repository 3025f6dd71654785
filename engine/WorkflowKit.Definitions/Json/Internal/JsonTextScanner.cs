using System.Globalization;
using System.Text;

namespace WorkflowKit.Definitions.Json.Internal;

/// <summary>A problem that <see cref="JsonTextScanner"/> found, at a character offset of the text.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Offset">The 0-based character offset of the problem.</param>
/// <param name="Path">The JSON path of the value or of the object or list where the problem is.</param>
/// <param name="Found">The character or word found at <paramref name="Offset"/>, if any.</param>
/// <param name="RelatedOffset">
/// The offset of the opening quote or bracket that the problem concerns, or of the first of two duplicate properties.
/// </param>
/// <param name="Expected">The closing brackets that are missing, or the property name before a missing colon.</param>
internal sealed record JsonScanProblem(
    JsonErrorKind Kind, int Offset, string Path, string? Found = null, int? RelatedOffset = null,
    string? Expected = null);

/// <summary>
/// Finds the first syntax error of a JSON text by reading its characters, the first property that an object names
/// twice, and the offset where one JSON path's value starts. It follows RFC 8259, with comments and trailing commas
/// accepted only when the caller's reader accepts them.
/// </summary>
/// <remarks>
/// The scanner reads request bodies that anyone signed in can send, so its cost stays linear in the text: it builds
/// a JSON path only for a problem or for the one target path, and it stops at <see cref="MaxDepth"/> levels.
/// </remarks>
internal sealed class JsonTextScanner
{
    /// <summary>
    /// The deepest nesting the scanner follows, above every reader's limit in this product (64 for request bodies,
    /// 128 for definition files).
    /// </summary>
    public const int MaxDepth = 256;

    private const int MaxFoundLength = 24;

    private readonly string _text;
    private readonly bool _allowComments;
    private readonly bool _allowTrailingCommas;
    private readonly string? _targetPath;
    private readonly List<Container> _stack = [];
    private int _index;
    private State _state = State.Value;

    private JsonTextScanner(string text, bool allowComments, bool allowTrailingCommas, string? targetPath)
    {
        _text = text;
        _allowComments = allowComments;
        _allowTrailingCommas = allowTrailingCommas;
        _targetPath = targetPath;
    }

    private enum State
    {
        Value,
        ValueOrEnd,
        Name,
        NameOrEnd,
        Colon,
        CommaOrEnd,
        Done,
    }

    /// <summary>The first syntax error, or null for a text that is valid JSON.</summary>
    public JsonScanProblem? Syntax { get; private set; }

    /// <summary>The first property that an object names a second time, at that second name.</summary>
    public JsonScanProblem? Duplicate { get; private set; }

    /// <summary>
    /// The offset where the value at the target path of <see cref="Scan"/> starts, as System.Text.Json
    /// reports the path; null when no value has that path or no target path was given.
    /// </summary>
    public int? TargetOffset { get; private set; }

    /// <param name="text">The JSON text.</param>
    /// <param name="allowComments">Whether the caller's reader skips comments.</param>
    /// <param name="allowTrailingCommas">Whether the caller's reader accepts trailing commas.</param>
    /// <param name="targetPath">A JSON path whose value's offset <see cref="TargetOffset"/> returns, or null.</param>
    public static JsonTextScanner Scan(
        string text, bool allowComments, bool allowTrailingCommas, string? targetPath = null)
    {
        var scanner = new JsonTextScanner(text, allowComments, allowTrailingCommas, targetPath);
        scanner.Syntax = scanner.Run();
        return scanner;
    }

    private JsonScanProblem? Run()
    {
        var readAny = false;
        while (true)
        {
            if (SkipTrivia() is { } comment)
            {
                return comment;
            }

            if (_index >= _text.Length)
            {
                return _state == State.Done ? null
                    : !readAny ? new JsonScanProblem(JsonErrorKind.Empty, _index, "$")
                    : UnexpectedEnd();
            }

            readAny = true;
            var problem = _state switch
            {
                State.Value or State.ValueOrEnd => OnValue(),
                State.Name or State.NameOrEnd => OnName(),
                State.Colon => OnColon(),
                State.CommaOrEnd => OnCommaOrEnd(),
                _ => TextAfterEnd(),
            };
            if (problem is not null)
            {
                return problem;
            }
        }
    }

    private JsonScanProblem? OnValue()
    {
        var start = _index;
        var c = _text[start];
        if (c is '}' or ']')
        {
            return OnCloseWhereValueExpected(c);
        }

        if (c == ',')
        {
            return new JsonScanProblem(JsonErrorKind.MissingValue, start, ValuePath(), ",");
        }

        if (_targetPath is not null && TargetOffset is null && ValuePath() == _targetPath)
        {
            TargetOffset = start;
        }

        switch (c)
        {
            case '{' or '[' when _stack.Count >= MaxDepth:
                // The path of the third level names where the nesting starts; the full path would be as long as
                // the nesting is deep.
                return new JsonScanProblem(
                    JsonErrorKind.TooDeep, start, _stack[2].Path, c.ToString(),
                    Expected: MaxDepth.ToString(CultureInfo.InvariantCulture));
            case '{':
                _stack.Add(NewContainer('{', start));
                _index++;
                _state = State.NameOrEnd;
                return null;
            case '[':
                _stack.Add(NewContainer('[', start));
                _index++;
                _state = State.ValueOrEnd;
                return null;
            case '"':
                return ReadString(name: false, out _) ?? AfterValue();
            case '\'':
                return new JsonScanProblem(JsonErrorKind.SingleQuotes, start, ValuePath(), Word(start));
            case '-' or (>= '0' and <= '9'):
                return ReadNumber() ?? AfterValue();
        }

        if (FullWidth(c) is not null)
        {
            return new JsonScanProblem(JsonErrorKind.FullWidthCharacter, start, ValuePath(), c.ToString());
        }

        if (!char.IsLetter(c) && c != '_')
        {
            return new JsonScanProblem(JsonErrorKind.UnexpectedCharacter, start, ValuePath(), c.ToString());
        }

        var word = Word(start);
        if (word is not ("true" or "false" or "null"))
        {
            return new JsonScanProblem(JsonErrorKind.InvalidValue, start, ValuePath(), word);
        }

        _index += word.Length;
        return AfterValue();
    }

    private JsonScanProblem? OnCloseWhereValueExpected(char close)
    {
        var top = Top;
        var found = close.ToString();
        if (top is null)
        {
            return new JsonScanProblem(JsonErrorKind.MismatchedBracket, _index, "$", found);
        }

        if (close == ']' && top.Open == '[')
        {
            if (_state == State.ValueOrEnd || _allowTrailingCommas)
            {
                return Close();
            }

            return new JsonScanProblem(JsonErrorKind.TrailingComma, _index, top.Path, found);
        }

        return top.Open == '{'
            ? new JsonScanProblem(JsonErrorKind.MissingValue, _index, ValuePath(), found)
            : new JsonScanProblem(JsonErrorKind.MismatchedBracket, _index, top.Path, found, top.Offset);
    }

    private JsonScanProblem? OnName()
    {
        var top = Top!;
        var start = _index;
        var c = _text[start];
        if (c == '}')
        {
            return _state == State.NameOrEnd || _allowTrailingCommas
                ? Close()
                : new JsonScanProblem(JsonErrorKind.TrailingComma, start, top.Path, "}");
        }

        if (c == '"')
        {
            var problem = ReadString(name: true, out var name);
            if (problem is not null)
            {
                return problem;
            }

            top.PendingName = name;
            if (!top.Names.TryAdd(name, start) && Duplicate is null)
            {
                Duplicate = new JsonScanProblem(
                    JsonErrorKind.DuplicateProperty, start, JsonPath.Append(top.Path, name), name, top.Names[name]);
            }

            _state = State.Colon;
            return null;
        }

        if (c == ']')
        {
            return new JsonScanProblem(JsonErrorKind.MismatchedBracket, start, top.Path, "]", top.Offset);
        }

        if (c == '\'')
        {
            return new JsonScanProblem(JsonErrorKind.SingleQuotes, start, top.Path, Word(start));
        }

        if (FullWidth(c) is not null)
        {
            return new JsonScanProblem(JsonErrorKind.FullWidthCharacter, start, top.Path, c.ToString());
        }

        return char.IsLetterOrDigit(c) || c is '_' or '$'
            ? new JsonScanProblem(JsonErrorKind.UnquotedPropertyName, start, top.Path, Word(start))
            : new JsonScanProblem(JsonErrorKind.UnexpectedCharacter, start, top.Path, c.ToString());
    }

    private JsonScanProblem? OnColon()
    {
        var top = Top!;
        var c = _text[_index];
        if (c == ':')
        {
            _index++;
            _state = State.Value;
            return null;
        }

        return FullWidth(c) == ':'
            ? new JsonScanProblem(JsonErrorKind.FullWidthCharacter, _index, top.Path, c.ToString())
            : new JsonScanProblem(
                JsonErrorKind.MissingColon, _index, top.Path, Found(_index), Expected: top.PendingName);
    }

    private JsonScanProblem? OnCommaOrEnd()
    {
        var top = Top!;
        var c = _text[_index];
        if (c == ',')
        {
            _index++;
            _state = top.Open == '{' ? State.Name : State.Value;
            return null;
        }

        if (c is '}' or ']')
        {
            return (c == '}') == (top.Open == '{')
                ? Close()
                : new JsonScanProblem(JsonErrorKind.MismatchedBracket, _index, top.Path, c.ToString(), top.Offset);
        }

        if (c is '"' or '{' or '[' or '-' or '\'' || char.IsLetterOrDigit(c))
        {
            return new JsonScanProblem(JsonErrorKind.MissingComma, _index, top.Path, Found(_index));
        }

        return FullWidth(c) is not null
            ? new JsonScanProblem(JsonErrorKind.FullWidthCharacter, _index, top.Path, c.ToString())
            : new JsonScanProblem(JsonErrorKind.UnexpectedCharacter, _index, top.Path, c.ToString());
    }

    private JsonScanProblem TextAfterEnd() =>
        new(JsonErrorKind.TextAfterEnd, _index, "$", Found(_index));

    private JsonScanProblem UnexpectedEnd()
    {
        var closers = new StringBuilder();
        for (var i = _stack.Count - 1; i >= 0; i--)
        {
            closers.Append(_stack[i].Open == '{' ? '}' : ']');
        }

        var path = _state == State.Value ? ValuePath() : Top!.Path;
        return new JsonScanProblem(
            JsonErrorKind.UnexpectedEnd, _index, path, RelatedOffset: Top!.Offset, Expected: closers.ToString());
    }

    private JsonScanProblem? Close()
    {
        _stack.RemoveAt(_stack.Count - 1);
        _index++;
        return AfterValue();
    }

    private JsonScanProblem? AfterValue()
    {
        var top = Top;
        if (top is null)
        {
            _state = State.Done;
            return null;
        }

        if (top.Open == '[')
        {
            top.NextIndex++;
        }

        _state = State.CommaOrEnd;
        return null;
    }

    /// <summary>Skips white space and allowed comments, and returns a comment that is not allowed.</summary>
    private JsonScanProblem? SkipTrivia()
    {
        while (_index < _text.Length)
        {
            var c = _text[_index];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _index++;
                continue;
            }

            if (c != '/' || _index + 1 >= _text.Length || _text[_index + 1] is not ('/' or '*'))
            {
                return null;
            }

            if (!_allowComments)
            {
                return new JsonScanProblem(JsonErrorKind.Comment, _index, CurrentPath(), _text.Substring(_index, 2));
            }

            var end = _text[_index + 1] == '/'
                ? _text.IndexOf('\n', _index + 2)
                : _text.IndexOf("*/", _index + 2, StringComparison.Ordinal);
            _index = end < 0 ? _text.Length : end + (_text[_index + 1] == '/' ? 1 : 2);
        }

        return null;
    }

    /// <summary>Reads text in double quotes: a property <paramref name="name"/> or a value.</summary>
    private JsonScanProblem? ReadString(bool name, out string value)
    {
        var start = _index;
        string Path() => name ? Top!.Path : ValuePath();
        var builder = new StringBuilder();
        value = string.Empty;
        for (var i = start + 1; i < _text.Length; i++)
        {
            var c = _text[i];
            if (c == '"')
            {
                _index = i + 1;
                value = builder.ToString();
                return null;
            }

            if (c is '\n' or '\r')
            {
                return new JsonScanProblem(JsonErrorKind.UnclosedString, i, Path(), RelatedOffset: start);
            }

            if (c < ' ')
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
                return new JsonScanProblem(JsonErrorKind.ControlCharacter, i, Path(), code, start);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= _text.Length)
            {
                break;
            }

            var escape = _text[i + 1];
            if (escape == 'u')
            {
                var hex = _text.Substring(i + 2, Math.Min(4, _text.Length - i - 2));
                var style = NumberStyles.AllowHexSpecifier;
                if (hex.Length < 4 || !ushort.TryParse(hex, style, CultureInfo.InvariantCulture, out var unit))
                {
                    return new JsonScanProblem(JsonErrorKind.InvalidEscape, i, Path(), "\\u" + hex, start);
                }

                builder.Append((char)unit);
                i += 5;
                continue;
            }

            var unescaped = escape switch
            {
                '"' => '"', '\\' => '\\', '/' => '/', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t',
                _ => (char?)null,
            };
            if (unescaped is null)
            {
                return new JsonScanProblem(JsonErrorKind.InvalidEscape, i, Path(), "\\" + escape, start);
            }

            builder.Append(unescaped.Value);
            i++;
        }

        return new JsonScanProblem(JsonErrorKind.UnclosedString, _text.Length, Path(), RelatedOffset: start);
    }

    /// <summary>
    /// Reads a number by the RFC 8259 grammar: <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>.
    /// </summary>
    private JsonScanProblem? ReadNumber()
    {
        var start = _index;
        var i = start;
        if (At(i) == '-')
        {
            i++;
        }

        var valid = IsDigit(At(i));
        i = At(i) == '0' ? i + 1 : SkipDigits(i);
        if (valid && At(i) == '.')
        {
            valid = IsDigit(At(i + 1));
            i = SkipDigits(i + 1);
        }

        if (valid && At(i) is 'e' or 'E')
        {
            i += At(i + 1) is '+' or '-' ? 2 : 1;
            valid = IsDigit(At(i));
            i = SkipDigits(i);
        }

        if (!valid || !IsDelimiter(At(i)))
        {
            return new JsonScanProblem(JsonErrorKind.InvalidNumber, start, ValuePath(), Word(start));
        }

        _index = i;
        return null;
    }

    private char? At(int index) => index < _text.Length ? _text[index] : null;

    private int SkipDigits(int index)
    {
        while (IsDigit(At(index)))
        {
            index++;
        }

        return index;
    }

    private static bool IsDigit(char? c) => c is >= '0' and <= '9';

    private static bool IsDelimiter(char? c) =>
        c is null or ' ' or '\t' or '\n' or '\r' or ',' or ':' or '}' or ']' or '{' or '[' or '"' or '/'
        || FullWidth(c.Value) is not null;

    /// <summary>Returns the word from <paramref name="start"/> to the next delimiter, shortened for messages.</summary>
    private string Word(int start)
    {
        var end = start + 1;
        while (end < _text.Length && !IsDelimiter(_text[end]))
        {
            end++;
        }

        var word = _text[start..end];
        return word.Length > MaxFoundLength ? word[..MaxFoundLength] + "..." : word;
    }

    /// <summary>The character at <paramref name="index"/>, or the word when it starts one.</summary>
    private string Found(int index) =>
        char.IsLetterOrDigit(_text[index]) || _text[index] is '-' or '\'' ? Word(index) : _text[index].ToString();

    /// <summary>Returns the ASCII character that a full-width or non-breaking look-alike stands for, or null.</summary>
    internal static char? FullWidth(char c) => c switch
    {
        '，' or '、' => ',',
        '：' => ':',
        '“' or '”' or '＂' => '"',
        '‘' or '’' => '\'',
        '｛' => '{',
        '｝' => '}',
        '［' or '【' => '[',
        '］' or '】' => ']',
        '\u3000' or '\u00A0' or '\uFEFF' => ' ',
        _ => null,
    };

    private Container? Top => _stack.Count == 0 ? null : _stack[^1];

    private string ValuePath()
    {
        var top = Top;
        return top is null ? "$"
            : top.Open == '[' ? JsonPath.Append(top.Path, top.NextIndex)
            : top.PendingName is { } name ? JsonPath.Append(top.Path, name)
            : top.Path;
    }

    private string CurrentPath() => _state == State.Value ? ValuePath() : Top?.Path ?? "$";

    /// <summary>Opens an object or list at the current value's place, whose path is built only when read.</summary>
    private Container NewContainer(char open, int offset)
    {
        var parent = Top;
        return parent is null ? new Container(open, offset, null, null, 0)
            : parent.Open == '[' ? new Container(open, offset, parent, null, parent.NextIndex)
            : new Container(open, offset, parent, parent.PendingName, 0);
    }

    /// <summary>An open object or list, named by its parent and its property name or item index there.</summary>
    private sealed class Container(char open, int offset, Container? parent, string? name, int index)
    {
        private string? _path;

        public char Open { get; } = open;

        public int Offset { get; } = offset;

        public string Path => _path ??= parent is null ? "$"
            : name is not null ? JsonPath.Append(parent.Path, name)
            : parent.Open == '[' ? JsonPath.Append(parent.Path, index)
            : parent.Path;

        public int NextIndex { get; set; }

        public string? PendingName { get; set; }

        public Dictionary<string, int> Names { get; } = new(StringComparer.Ordinal);
    }
}
