using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace WorkflowKit.Import;

/// <summary>
/// Detects the text encoding of a CSV file from its first bytes. A byte order mark wins, valid
/// UTF-8 is UTF-8, and anything else is read as GB18030. GB18030 is a superset of GBK, the
/// encoding that Excel on Chinese Windows uses when it saves "CSV (comma delimited)".
/// </summary>
public static class CsvEncoding
{
    /// <summary>Bytes read from the start of a file to decide its encoding.</summary>
    public const int SampleSize = 64 * 1024;

    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndianMark => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianMark => [0xFE, 0xFF];

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    });

    /// <summary>GB18030, which reads GBK and GB2312 text too.</summary>
    public static Encoding Chinese => Gb18030.Value;

    /// <summary>
    /// Returns the encoding of a file whose first bytes are <paramref name="sample"/>. Set
    /// <paramref name="wholeFile"/> when the sample is the entire file. Otherwise a multi-byte
    /// character cut at the end of the sample does not count as invalid.
    /// </summary>
    public static Encoding Detect(ReadOnlySpan<byte> sample, bool wholeFile)
    {
        if (sample.StartsWith(Utf8Mark))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        if (sample.StartsWith(Utf16LittleEndianMark) || sample.StartsWith(Utf16BigEndianMark))
        {
            // StreamReader reads UTF-16 and UTF-32 from their byte order marks.
            return Encoding.Unicode;
        }

        return IsUtf8(sample, wholeFile) ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : Chinese;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> sample, bool wholeFile)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, sample.Length));
        try
        {
            var status = Utf8.ToUtf16(
                sample, buffer, out _, out _, replaceInvalidSequences: false, isFinalBlock: wholeFile);
            return status is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
