namespace WorkflowKit.Import;

/// <summary>
/// Tells Windows-1252 (Western European) text whose bytes happen to be valid GBK from real GBK text. An accented
/// letter such as ô (F4) followed by an ASCII letter such as p (70) is a valid GBK pair, 魀, so <c>Hôpital</c> reads
/// as <c>H魀ital</c> with no invalid byte. Such a pair has a trail byte below A1, so its character lies outside
/// GB2312, the set that Chinese business text is almost entirely written in. The check counts two kinds of pairs:
/// Latin-like ones, whose lead byte is a Windows-1252 letter (C0–FE, except × and ÷) right after an ASCII letter and
/// whose trail byte is an ASCII letter, and GB2312 ones (both bytes A1 or above). A file with more Latin-like pairs
/// than GB2312 pairs reads as Latin words, not as Chinese.
/// </summary>
/// <remarks>
/// A real GBK file can contain Latin-like pairs only through rare characters of the GBK/4 block (such as 魀) right after
/// an ASCII letter, and its Chinese text then adds many GB2312 pairs, so it is not refused. NOTE: a Windows-1252
/// file whose accented letters all start a word (<c>Émile</c>) or stand together (<c>éè</c>) has no Latin-like pair
/// and is still read as GBK, unless an accented letter before a space or comma makes it invalid GBK.
/// </remarks>
internal sealed class CsvLatinCheck
{
    // The maximum length of the word kept for the error message, in bytes.
    private const int MaxWordBytes = 40;

    private readonly List<byte> _word = [];
    private byte[]? _firstWord;
    private bool _capturing;
    private int _line = 1;
    private int _previous = -1;
    private int _lead = -1;
    private int _leadPrevious = -1;
    private int _fourByteRemainder;

    public long LatinPairs { get; private set; }

    public long CommonPairs { get; private set; }

    /// <summary>Whether the bytes seen so far read as Latin words rather than as Chinese text.</summary>
    public bool ReadsAsLatin => LatinPairs > CommonPairs;

    /// <summary>The 1-based line of the first Latin-like pair; 0 when there is none.</summary>
    public int FirstLine { get; private set; }

    /// <summary>The bytes of the word that contains the first Latin-like pair, such as <c>Hôpital</c>.</summary>
    public byte[] FirstWord => _firstWord ?? (_capturing ? [.. _word] : []);

    public void AddBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            Add(value);
        }
    }

    private void Add(byte value)
    {
        AddToWord(value);
        if (_fourByteRemainder > 0)
        {
            _fourByteRemainder--;
        }
        else if (_lead >= 0)
        {
            AddPair(value);
        }
        else if (value >= 0x81)
        {
            _lead = value;
            _leadPrevious = _previous;
        }

        if (value == (byte)'\n')
        {
            _line++;
        }

        _previous = value;
    }

    private void AddPair(byte trail)
    {
        var lead = _lead;
        _lead = -1;
        if (trail is >= 0x30 and <= 0x39)
        {
            // A GB18030 four-byte sequence: a lead byte, a digit, a lead-range byte and a digit.
            _fourByteRemainder = 2;
            return;
        }

        if (lead is >= 0xA1 and <= 0xF7 && trail >= 0xA1)
        {
            CommonPairs++;
        }
        else if (IsWesternLetter(lead) && IsAsciiLetter(_leadPrevious) && IsAsciiLetter(trail))
        {
            LatinPairs++;
            if (FirstLine == 0)
            {
                FirstLine = _line;
                _capturing = true;
            }
        }
    }

    // Keeps the bytes of the current word. After the first Latin-like pair, its word is kept when the word ends.
    private void AddToWord(byte value)
    {
        if (value >= 0x80 || IsAsciiLetter(value))
        {
            if (_word.Count < MaxWordBytes)
            {
                _word.Add(value);
            }

            return;
        }

        if (_capturing)
        {
            _firstWord = [.. _word];
            _capturing = false;
        }

        _word.Clear();
    }

    private static bool IsWesternLetter(int value) => value is >= 0xC0 and <= 0xFE and not 0xD7 and not 0xF7;

    private static bool IsAsciiLetter(int value) => value is >= 'A' and <= 'Z' or >= 'a' and <= 'z';
}
