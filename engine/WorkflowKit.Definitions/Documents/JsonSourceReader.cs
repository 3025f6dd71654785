using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Definitions.Documents;

/// <summary>
/// Reads definition files strictly: UTF-8 with or without a byte order mark, no other encoding,
/// no comments or trailing commas, and no repeated property names (which System.Text.Json would
/// accept, keeping the last value). Records the line and column of every JSON pointer so that
/// schema and semantic diagnostics point at the text.
/// </summary>
public static class JsonSourceReader
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 128,
    };

    public static async Task<JsonSource> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var diagnostic = new Diagnostic(
                DiagnosticCodes.FileUnreadable, DiagnosticSeverity.Error, path, string.Empty,
                $"Cannot read the file: {exception.Message} Check the path and the file's permissions.");
            return new JsonSource(path, null, new Dictionary<string, TextPosition>(), [diagnostic]);
        }

        return Read(path, bytes);
    }

    public static JsonSource Read(string file, ReadOnlySpan<byte> bytes)
    {
        var encodingProblem = CheckEncoding(file, bytes);
        if (encodingProblem is not null)
        {
            return new JsonSource(file, null, new Dictionary<string, TextPosition>(), [encodingProblem]);
        }

        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        var diagnostics = new List<Diagnostic>();
        var positions = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        if (!Scan(file, body, positions, diagnostics))
        {
            return new JsonSource(file, null, positions, diagnostics);
        }

        var document = JsonDocument.Parse(
            body.ToArray(),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        return new JsonSource(file, document, positions, diagnostics);
    }

    private static Diagnostic? CheckEncoding(string file, ReadOnlySpan<byte> bytes)
    {
        string? encoding = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) ||
            bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            encoding = "UTF-32";
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ||
                 bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encoding = "UTF-16";
        }
        else if (bytes.Length >= 2 && (bytes[0] == 0 || bytes[1] == 0))
        {
            encoding = "UTF-16 without a byte order mark";
        }

        if (encoding is not null)
        {
            return new Diagnostic(
                DiagnosticCodes.NotUtf8, DiagnosticSeverity.Error, file, string.Empty,
                $"The file is encoded as {encoding}; definitions must be UTF-8 (a UTF-8 byte order mark is " +
                "accepted). Save the file as UTF-8.") { Line = 1, Column = 1 };
        }

        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var bytesRead, out _,
            replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return null;
        }

        var position = PositionAt(bytes, bytesRead);
        return new Diagnostic(
            DiagnosticCodes.InvalidUtf8, DiagnosticSeverity.Error, file, string.Empty,
            $"Byte 0x{bytes[bytesRead]:X2} at offset {bytesRead} is not valid UTF-8; the file was probably saved " +
            "in a legacy encoding such as GBK. Save it as UTF-8.") { Line = position.Line, Column = position.Column };
    }

    private static bool Scan(
        string file, ReadOnlySpan<byte> body, Dictionary<string, TextPosition> positions, List<Diagnostic> diagnostics)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        var frames = new Stack<Frame>();
        string? pendingPointer = string.Empty;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingPointer = OnPropertyName(file, ref reader, body, frames.Peek(), positions, diagnostics);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        var pointer = pendingPointer ?? NextArrayItem(frames.Peek());
                        if (pendingPointer is null || pointer.Length == 0)
                        {
                            positions.TryAdd(pointer, PositionAt(body, (int)reader.TokenStartIndex));
                        }

                        pendingPointer = null;
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            frames.Push(new Frame(pointer, reader.TokenType == JsonTokenType.StartObject));
                        }

                        break;
                }
            }

            return true;
        }
        catch (JsonException exception)
        {
            var description = JsonErrorDescriber.Describe(exception, "the file", Encoding.UTF8.GetString(body));
            diagnostics.Add(new Diagnostic(
                DiagnosticCodes.JsonSyntax, DiagnosticSeverity.Error, file, string.Empty, description.Message)
            {
                Line = description.Line,
                Column = description.Column,
            });
            return false;
        }
    }

    private static string OnPropertyName(
        string file, ref Utf8JsonReader reader, ReadOnlySpan<byte> body, Frame frame,
        Dictionary<string, TextPosition> positions, List<Diagnostic> diagnostics)
    {
        var name = reader.GetString()!;
        var pointer = JsonPointers.Append(frame.Pointer, name);
        var position = PositionAt(body, (int)reader.TokenStartIndex);
        if (!frame.Names!.Add(name))
        {
            var first = positions[pointer];
            diagnostics.Add(new Diagnostic(
                DiagnosticCodes.DuplicateKey, DiagnosticSeverity.Error, file, pointer,
                $"Property \"{name}\" appears twice in one object (first at line {first.Line}, column " +
                $"{first.Column}); only one value can count. Remove or rename one of them.")
            {
                Line = position.Line,
                Column = position.Column,
            });
            return pointer;
        }

        positions[pointer] = position;
        return pointer;
    }

    private static string NextArrayItem(Frame frame)
    {
        var pointer = JsonPointers.Append(frame.Pointer, frame.NextIndex);
        frame.NextIndex++;
        return pointer;
    }

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    private static TextPosition PositionAt(ReadOnlySpan<byte> text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(offset, text.Length);
        for (var i = 0; i < end; i++)
        {
            if (text[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = 1;
        for (var i = lineStart; i < end; i++)
        {
            if ((text[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return new TextPosition(line, column);
    }

    private sealed class Frame(string pointer, bool isObject)
    {
        public string Pointer { get; } = pointer;

        public HashSet<string>? Names { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public int NextIndex { get; set; }
    }
}
