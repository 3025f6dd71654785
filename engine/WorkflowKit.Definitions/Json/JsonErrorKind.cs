namespace WorkflowKit.Definitions.Json;

/// <summary>The kind of problem that <see cref="JsonErrorDescriber"/> found in a JSON text.</summary>
public enum JsonErrorKind
{
    /// <summary>The text could not be read here, for a reason that none of the other kinds names.</summary>
    Unknown,

    /// <summary>The text contains no JSON value, only white space or nothing.</summary>
    Empty,

    /// <summary>Two values or properties follow each other without a comma between them.</summary>
    MissingComma,

    /// <summary>A comma follows the last property of an object or the last item of a list.</summary>
    TrailingComma,

    /// <summary>A <c>//</c> or <c>/* */</c> comment, which strict JSON does not allow.</summary>
    Comment,

    /// <summary>Text in double quotes has no closing quote before the end of the line or of the text.</summary>
    UnclosedString,

    /// <summary>Text in double quotes contains an unescaped control character such as a tab.</summary>
    ControlCharacter,

    /// <summary>A backslash in text starts no valid escape sequence.</summary>
    InvalidEscape,

    /// <summary>The text ends before every object and list is closed.</summary>
    UnexpectedEnd,

    /// <summary>A property name is not followed by a colon.</summary>
    MissingColon,

    /// <summary>A property name is not in double quotes.</summary>
    UnquotedPropertyName,

    /// <summary>Text or a property name is in single quotes.</summary>
    SingleQuotes,

    /// <summary>A word that is not a JSON value, such as unquoted text, <c>True</c> or <c>undefined</c>.</summary>
    InvalidValue,

    /// <summary>A number that JSON does not allow, such as <c>01</c>, <c>1.</c> or <c>12abc</c>.</summary>
    InvalidNumber,

    /// <summary>A comma or closing bracket comes where a value is expected.</summary>
    MissingValue,

    /// <summary>A closing bracket does not match the bracket that opened the object or list.</summary>
    MismatchedBracket,

    /// <summary>A full-width character, such as the Chinese comma or colon, where JSON needs the ASCII one.</summary>
    FullWidthCharacter,

    /// <summary>A character that cannot appear at this place.</summary>
    UnexpectedCharacter,

    /// <summary>More text follows the end of the one JSON value.</summary>
    TextAfterEnd,

    /// <summary>The JSON is valid, but a value has a type that the reader cannot use at its path.</summary>
    WrongType,

    /// <summary>One object names the same property twice.</summary>
    DuplicateProperty,

    /// <summary>Objects and lists are nested deeper than the reader allows.</summary>
    TooDeep,
}
