namespace WorkflowKit.Definitions.Forms;

/// <summary>Names of the field types of format version 1.</summary>
public static class FieldTypes
{
    public const string Text = "text";
    public const string LongText = "longText";
    public const string Number = "number";
    public const string Money = "money";
    public const string Date = "date";
    public const string DateTime = "datetime";
    public const string SingleSelect = "singleSelect";
    public const string MultiSelect = "multiSelect";
    public const string Member = "member";
    public const string Department = "department";
    public const string Attachment = "attachment";
    public const string Image = "image";
    public const string Signature = "signature";
    public const string SubTable = "subTable";
    public const string Related = "related";
    public const string Serial = "serial";
    public const string Formula = "formula";
    public const string Address = "address";
    public const string Boolean = "boolean";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Text, LongText, Number, Money, Date, DateTime, SingleSelect, MultiSelect, Member, Department,
        Attachment, Image, Signature, SubTable, Related, Serial, Formula, Address, Boolean,
    };

    /// <summary>Types whose values are ordered and accept <c>min</c> and <c>max</c>.</summary>
    public static IReadOnlySet<string> Ordered { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Number, Money, Date, DateTime, Formula,
    };

    /// <summary>Characters a <see cref="Text"/> field takes when its definition sets no <c>maxLength</c>.</summary>
    public const int DefaultTextMaxLength = 2_000;

    /// <summary>Characters a <see cref="LongText"/> field takes when its definition sets no <c>maxLength</c>.</summary>
    public const int DefaultLongTextMaxLength = 50_000;

    /// <summary>
    /// Returns the most characters a field of <paramref name="type"/> takes: its own <c>maxLength</c>, or for text
    /// and long text a default that keeps one pasted file or a runaway client from storing megabytes in a record;
    /// null for other types without <c>maxLength</c>.
    /// </summary>
    public static int? MaxLength(string type, int? maxLength) => maxLength ?? type switch
    {
        Text => DefaultTextMaxLength,
        LongText => DefaultLongTextMaxLength,
        _ => null,
    };

    /// <summary>Types whose values are references to uploaded files.</summary>
    public static IReadOnlySet<string> Files { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Attachment, Image, Signature,
    };

    /// <summary>Bytes per file that a file field takes when its definition sets no <c>maxSize</c>: 20 MB.</summary>
    public const long DefaultMaxFileSize = 20L * 1024 * 1024;

    /// <summary>The largest <c>maxSize</c> a definition may set: 100 MB, because the content is kept in the database.</summary>
    public const long MaxFileSizeLimit = 100L * 1024 * 1024;

    /// <summary>Types whose values are dates, usable as deadlines.</summary>
    public static IReadOnlySet<string> Dates { get; } = new HashSet<string>(StringComparer.Ordinal) { Date, DateTime };
}
