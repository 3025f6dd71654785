namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// One year of an official holiday schedule: its holidays and make-up workdays and the notice they
/// were taken from.
/// </summary>
/// <param name="Year">The calendar year the notice covers.</param>
/// <param name="Source">Title of the notice, such as "国务院办公厅关于2026年部分节假日安排的通知".</param>
/// <param name="Published">Date the notice was issued.</param>
/// <param name="Url">Where the notice's text was read.</param>
/// <param name="Days">Every holiday date and make-up workday of the year, by date.</param>
public sealed record PublicHolidayYear(int Year, string Source, DateOnly Published, Uri Url, IReadOnlyList<CalendarDay> Days);
