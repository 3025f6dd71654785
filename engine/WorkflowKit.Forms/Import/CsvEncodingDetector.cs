using System.Text;

namespace WorkflowKit.Import;

/// <summary>
/// Detects the text encoding of a CSV file. A byte order mark wins, and UTF-16 without one is detected by its NUL
/// bytes (see <see cref="Utf16WithoutMark"/>). Otherwise the whole file is
/// checked as strict UTF-8, and a file with any invalid UTF-8 sequence is read as GB18030. That
/// is a superset of GBK, the code page Excel uses for CSV on Chinese Windows. A file that is valid
/// UTF-8 is still read as GB18030 when <see cref="CsvScriptCheck"/> finds that its UTF-8 reading
/// looks like GBK text read with the wrong encoding, as the GBK bytes of 医院 (D2 BD D4 BA) do.
/// </summary>
public static class CsvEncodingDetector
{
    private const int BufferSize = 64 * 1024;

    static CsvEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030 (code page 54936), which decodes every GBK and GB2312 file.</summary>
    public static Encoding Gb18030 { get; } = CreateGb18030();

    /// <summary>
    /// Reads the stream to its end to detect the encoding, then rewinds it. A stream that cannot
    /// seek is first copied to a temporary file that is deleted when the returned stream is
    /// disposed, and <paramref name="stream"/> is then disposed.
    /// </summary>
    /// <returns>A stream positioned where <paramref name="stream"/> was, and its encoding.</returns>
    public static async Task<(Stream Stream, Encoding Encoding)> DetectAsync(
        Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var seekable = stream.CanSeek ? stream : await CopyToTemporaryFileAsync(stream, cancellationToken)
            .ConfigureAwait(false);
        var start = seekable.Position;
        try
        {
            var encoding = await DetectSeekableAsync(seekable, cancellationToken).ConfigureAwait(false);
            seekable.Position = start;
            return (seekable, encoding);
        }
        catch
        {
            if (!ReferenceEquals(seekable, stream))
            {
                await seekable.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static async Task<Encoding> DetectSeekableAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new byte[BufferSize];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(BufferSize)];
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
            .GetDecoder();
        var scripts = new CsvScriptCheck();
        var start = stream.Position;
        var first = true;
        int read;
        while ((read = await ReadBlockAsync(stream, bytes, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var block = bytes.AsSpan(0, read);
            if (first && (ByteOrderMark(block) ?? Utf16WithoutMark(block)) is { } marked)
            {
                return marked;
            }

            first = false;
            try
            {
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                scripts.AddUtf8Text(chars.AsSpan(0, count));
            }
            catch (DecoderFallbackException)
            {
                return Gb18030;
            }
        }

        try
        {
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030;
        }

        if (scripts.LooksLikeMisreadGbk)
        {
            stream.Position = start;
            while ((read = await ReadBlockAsync(stream, bytes, cancellationToken).ConfigureAwait(false)) > 0)
            {
                scripts.AddBytes(bytes.AsSpan(0, read));
            }

            if (scripts.ReadsAsCommonChinese)
            {
                return Gb18030;
            }
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    }

    private static Encoding? ByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    /// <summary>
    /// Returns UTF-16 for a first block that is UTF-16 text without a byte order mark, or null. A text CSV file has
    /// NUL bytes only as the zero half of UTF-16 characters such as the delimiter and the line break. So NULs at only
    /// odd offsets (little-endian) or only even offsets (big-endian), on at least a quarter of the characters, mean
    /// UTF-16. Read as UTF-8, such a file gives headers like <c>c\0o\0d\0e</c> that map to nothing.
    /// </summary>
    private static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> start)
    {
        var characters = start.Length / 2;
        if (characters < 2)
        {
            return null;
        }

        int even = 0, odd = 0;
        for (var i = 0; i < characters * 2; i++)
        {
            if (start[i] == 0)
            {
                if (i % 2 == 0)
                {
                    even++;
                }
                else
                {
                    odd++;
                }
            }
        }

        return (even, odd) switch
        {
            (0, var zeros) when zeros * 4 >= characters => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
            (var zeros, 0) when zeros * 4 >= characters => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
            _ => null,
        };
    }

    // Fills the buffer unless the stream ends, so that a byte order mark is never split across reads.
    private static async Task<int> ReadBlockAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length
            && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static async Task<Stream> CopyToTemporaryFileAsync(Stream stream, CancellationToken cancellationToken)
    {
        var copy = new FileStream(
            Path.Combine(Path.GetTempPath(), $"wk-csv-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
        }
        catch
        {
            await copy.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await stream.DisposeAsync().ConfigureAwait(false);
        return copy;
    }

    /// <summary>
    /// Returns the first place where the stream's bytes are not valid GB18030, as the 1-based line and the byte found,
    /// or null when every byte decodes. The stream is rewound either way. A file that is neither valid UTF-8 nor valid
    /// GB18030, such as a Windows-1252 file with "é", would otherwise be read with replacement characters.
    /// </summary>
    public static async Task<(int Line, byte Value)?> FindInvalidGb18030Async(
        Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        var strict = (Encoding)Gb18030.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        var decoder = strict.GetDecoder();
        var bytes = new byte[BufferSize];
        var chars = new char[strict.GetMaxCharCount(BufferSize)];
        var line = 1;
        int read;
        try
        {
            while ((read = await ReadBlockAsync(stream, bytes, cancellationToken).ConfigureAwait(false)) > 0)
            {
                try
                {
                    decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException invalid)
                {
                    // The decoder reports the bad bytes relative to this block, so lines are counted up to them.
                    var at = Math.Clamp(invalid.Index < 0 ? 0 : invalid.Index, 0, read - 1);
                    var value = invalid.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[at];
                    return (line + bytes.AsSpan(0, at).Count((byte)'\n'), value);
                }

                line += bytes.AsSpan(0, read).Count((byte)'\n');
            }

            try
            {
                decoder.GetChars([], 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException invalid)
            {
                return (line, invalid.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : (byte)0);
            }

            return null;
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// Returns the first word that shows the stream's bytes to be Windows-1252 (Western European) text rather than
    /// GBK, as the 1-based line and the word read both ways, or null when the bytes read as Chinese. See
    /// <see cref="CsvLatinCheck"/> for the signal. The stream is rewound either way.
    /// </summary>
    public static async Task<(int Line, string Western, string Gbk)?> FindWesternTextAsync(
        Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        var check = new CsvLatinCheck();
        var bytes = new byte[BufferSize];
        try
        {
            int read;
            while ((read = await ReadBlockAsync(stream, bytes, cancellationToken).ConfigureAwait(false)) > 0)
            {
                check.AddBytes(bytes.AsSpan(0, read));
            }
        }
        finally
        {
            stream.Position = start;
        }

        if (!check.ReadsAsLatin)
        {
            return null;
        }

        var word = check.FirstWord;
        return (check.FirstLine, Encoding.GetEncoding(1252).GetString(word), Gb18030.GetString(word));
    }

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }
}
