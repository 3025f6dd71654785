using System.Globalization;

namespace WorkflowKit.Forms;

/// <summary>
/// Dates and culture for record values with a validity period: today for an empty document date, the time zone of
/// datetime document dates, and the culture of the error messages.
/// </summary>
public sealed record RecordValueDates(DateOnly Today, TimeZoneInfo Zone, CultureInfo Culture);
