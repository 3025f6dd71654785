namespace WorkflowKit.Import;

/// <summary>
/// Tells GBK text that happens to be valid UTF-8 from real UTF-8 text. A GBK character whose lead byte is C2–DF and
/// whose trail byte is 80–BF is also a two-byte UTF-8 sequence, for U+0080–U+07FF, so a short GBK file such as
/// <c>医院</c> (D2 BD D4 BA) reads as UTF-8 <c>ҽԺ</c>. The check has two steps. The UTF-8 reading must contain no
/// CJK character and at least one character of a block that a Chinese business file does not use: C1 controls, IPA,
/// or Cyrillic through NKo. Then the bytes, read as GBK, must form whole characters that are nearly all in GB2312,
/// the common set, with at least one Han character.
/// </summary>
/// <remarks>
/// The second step keeps genuine UTF-8 Cyrillic, Hebrew and Arabic text as UTF-8. Such text read as GBK has many
/// trail bytes below A1, outside GB2312. Accented Latin text stays UTF-8 because Latin-1 and Latin Extended
/// letters do not count as foreign. NOTE: GBK text made only of characters whose bytes read as accented Latin (such
/// as 茅, C3 A9, which reads as é) is still read as UTF-8, because the bytes do not show which reading is meant.
/// </remarks>
internal sealed class CsvScriptCheck
{
    // Real GBK business text is almost all GB2312; a few rare name characters lie outside it.
    private const double MinCommonShare = 0.9;

    private long _cjk;
    private long _foreign;
    private long _pairs;
    private long _commonPairs;
    private long _hanPairs;
    private bool _invalidGbk;
    private int _pendingLead = -1;

    /// <summary>Whether the UTF-8 text seen so far has no CJK character but some foreign-script character.</summary>
    public bool LooksLikeMisreadGbk => _cjk == 0 && _foreign > 0;

    /// <summary>Whether the bytes seen so far form valid GBK with at least one Han character, nearly all GB2312.</summary>
    public bool ReadsAsCommonChinese =>
        !_invalidGbk && _pendingLead < 0 && _hanPairs > 0 && _commonPairs >= MinCommonShare * _pairs;

    /// <summary>Counts the CJK and foreign-script characters of a block of the file's UTF-8 reading.</summary>
    public void AddUtf8Text(ReadOnlySpan<char> text)
    {
        foreach (var character in text)
        {
            if (IsCjk(character))
            {
                _cjk++;
            }
            else if (IsForeign(character))
            {
                _foreign++;
            }
        }
    }

    /// <summary>Counts the GBK double-byte characters of the next block of the file's bytes.</summary>
    public void AddBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            if (_pendingLead >= 0)
            {
                AddPair(_pendingLead, value);
                _pendingLead = -1;
            }
            else if (value >= 0x81)
            {
                _pendingLead = value;
            }
        }
    }

    private void AddPair(int lead, int trail)
    {
        // GB18030 four-byte sequences (a digit as second byte) are not GBK, so a file with them stays UTF-8.
        if (lead == 0xFF || trail < 0x40 || trail == 0x7F || trail == 0xFF)
        {
            _invalidGbk = true;
            return;
        }

        _pairs++;
        if (lead is >= 0xA1 and <= 0xF7 && trail >= 0xA1)
        {
            _commonPairs++;
            if (lead >= 0xB0)
            {
                _hanPairs++;
            }
        }
    }

    // Hangul Jamo, CJK radicals, symbols and punctuation, kana, unified ideographs with extension A, Hangul
    // syllables, compatibility ideographs and fullwidth forms.
    private static bool IsCjk(char character) =>
        character is >= '\u1100' and <= '\u11FF'
            or >= '\u2E80' and <= '\u9FFF'
            or >= '\uAC00' and <= '\uD7AF'
            or >= '\uF900' and <= '\uFAFF'
            or >= '\uFF00' and <= '\uFFEF';

    // C1 control characters, IPA extensions, and Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana and NKo.
    private static bool IsForeign(char character) =>
        character is >= '\u0080' and <= '\u009F'
            or >= '\u0250' and <= '\u02AF'
            or >= '\u0400' and <= '\u07FF';
}
