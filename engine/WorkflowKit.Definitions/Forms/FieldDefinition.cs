using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions.Forms;

/// <summary>
/// One field of a form or one column of a sub-table. Which properties apply depends on
/// <see cref="Type"/> (see <see cref="FieldTypes"/>); the validator reports ones that do not.
/// </summary>
public sealed class FieldDefinition
{
    /// <summary>Stable id, unique within its form or sub-table; letters, digits and underscores.</summary>
    public string Id { get; set; } = string.Empty;

    public string Type { get; set; } = FieldTypes.Text;

    public LocalizedText Label { get; set; } = new();

    public LocalizedText? Description { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Required { get; set; }

    /// <summary>A constant default value.</summary>
    public JsonNode? Default { get; set; }

    /// <summary>An expression that computes the default when the form opens.</summary>
    public Expression? DefaultExpression { get; set; }

    /// <summary>Inclusive minimum for number, money, date and datetime fields.</summary>
    public JsonNode? Min { get; set; }

    /// <summary>Inclusive maximum for number, money, date and datetime fields.</summary>
    public JsonNode? Max { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    /// <summary>
    /// A .NET regular expression that the whole value must match: the validator anchors it as
    /// <c>^(?:pattern)$</c> unless <see cref="PatternAnchored"/> is false, where a match
    /// anywhere in the value is enough (JSON Schema semantics).
    /// </summary>
    public string? Pattern { get; set; }

    /// <summary>Whether <see cref="Pattern"/> must match the whole value; true unless set to false.</summary>
    public bool? PatternAnchored { get; set; }

    public LocalizedText? PatternMessage { get; set; }

    /// <summary>
    /// No two live (not deleted) records of the form may share this value. On a sub-table column:
    /// no two rows of one record may share it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unique { get; set; }

    /// <summary>
    /// On a sub-table column: no row of another live (not deleted) record of the form may hold the
    /// value either. Implies <see cref="Unique"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool UniqueAcrossRecords { get; set; }

    /// <summary>Digits after the decimal point for number and money fields.</summary>
    public int? Scale { get; set; }

    /// <summary>ISO 4217 currency of a money field, "CNY" when not set.</summary>
    public string? Currency { get; set; }

    /// <summary>Choices of single and multi select fields.</summary>
    public List<FieldOption>? Options { get; set; }

    /// <summary>Filters this field's options by another field's value (data linkage).</summary>
    public OptionLinkage? Linkage { get; set; }

    /// <summary>Whether member, department, attachment, image and related fields take several values.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Multiple { get; set; }

    /// <summary>Columns of a sub-table field.</summary>
    public List<FieldDefinition>? Fields { get; set; }

    public int? MinRows { get; set; }

    public int? MaxRows { get; set; }

    /// <summary>Rules checked for every row of a sub-table; field paths name the row's columns.</summary>
    public List<FormRule>? RowRules { get; set; }

    /// <summary>The computation of a formula field.</summary>
    public Expression? Formula { get; set; }

    /// <summary>Form key of a related-record lookup field.</summary>
    public string? RelatedForm { get; set; }

    /// <summary>Field of the related form shown for the chosen record.</summary>
    public string? RelatedDisplayField { get; set; }

    /// <summary>
    /// Text fields: the value must be a field value of a record of another form that the submitting user may read.
    /// </summary>
    public RecordLookup? Lookup { get; set; }

    /// <summary>Top-level fields: a value the server copies from a record of another form at a start.</summary>
    public RecordValue? RecordValue { get; set; }

    /// <summary>Number and money fields: a percentage range of a value read from a record of another form.</summary>
    public LookupRange? LookupRange { get; set; }

    /// <summary>Serial number pattern such as "SO-{yyyyMMdd}-{seq:4}"; the sequence restarts when the date part changes.</summary>
    public string? SerialPattern { get; set; }

    /// <summary>Allowed file extensions of attachment and image fields, such as ".pdf".</summary>
    public List<string>? Accept { get; set; }

    /// <summary>
    /// The largest upload in bytes that an attachment, image or signature field takes, per file;
    /// <see cref="FieldTypes.DefaultMaxFileSize"/> when not set.
    /// </summary>
    public long? MaxSize { get; set; }

    /// <summary>Address fields: the deepest level the user must choose (province, city, district, street).</summary>
    public string? AddressLevel { get; set; }

    /// <summary>
    /// Address fields: true when the user must also type a detail line (street, number, building) below the chosen
    /// regions. The line is stored as the address object's "detail".
    /// </summary>
    public bool? AddressDetail { get; set; }
}
