using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Designer.Hosting;

/// <summary>Settings under the <c>WorkflowKit</c> configuration section.</summary>
public sealed class DesignerOptions
{
    public const string Section = "WorkflowKit";

    /// <summary>Where definitions, instances, records and accounts are stored.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>
    /// How long a start waits for a database that cannot be reached yet, such as "00:02:00" for two minutes, before it
    /// stops with an error. "00:00:00" stops at the first failed attempt.
    /// </summary>
    public TimeSpan DatabaseStartupWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Create the demo accounts when the database has no users.</summary>
    public bool DemoAccounts { get; set; } = true;

    /// <summary>
    /// Folder of built-in template packages. When empty, "definitions/templates" two levels above the content root.
    /// </summary>
    public string? TemplatesPath { get; set; }

    /// <summary>
    /// Server folders from which administrators may read a template package on /admin/packages, each with its
    /// subfolders, as absolute paths or paths relative to the content root. The built-in templates folder is always
    /// allowed. Any other path typed on the page gets one reply whether it exists or not. Empty by default, so only
    /// the built-in packages and uploaded .zip files can be imported.
    /// </summary>
    public IList<string> PackageFolders { get; } = [];

    /// <summary>
    /// Load the biopharma sample (its users as accounts, master data, a few open reviews and orders) into a fresh
    /// database, that is one without accounts at start-up.
    /// </summary>
    public bool SampleData { get; set; } = true;

    /// <summary>
    /// Load the China mainland public holidays and make-up workdays of definitions/calendars/china-mainland-holidays.json
    /// into the workday calendar at start-up: each year of the file that the database has not loaded yet is loaded
    /// once, so existing installs get new years and a day an administrator deleted stays deleted.
    /// </summary>
    public bool PublicHolidays { get; set; } = true;

    /// <summary>Local time at which each workday's working time starts, such as "09:00"; deadlines in workdays count from it.</summary>
    public TimeOnly WorkingHoursStart { get; set; } = WorkdayCalendar.DefaultWorkingHours.Start;

    /// <summary>Local time at which each workday's working time ends, such as "18:00"; must be later than the start.</summary>
    public TimeOnly WorkingHoursEnd { get; set; } = WorkdayCalendar.DefaultWorkingHours.End;

    /// <summary>
    /// How long an upload may stay unreferenced before the file sweep removes it, such as "1.00:00:00" for a day. An
    /// upload is referenced once a start or a task action that names it is accepted.
    /// </summary>
    public TimeSpan UnlinkedFileLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the file sweep runs, such as "01:00:00" for every hour.</summary>
    public TimeSpan FileSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a start form draft is kept after it was last saved, such as "30.00:00:00" for thirty days. Task form
    /// drafts go when their task closes or passes to another user, whatever their age.
    /// </summary>
    public TimeSpan StartDraftLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the draft sweep runs, such as "01:00:00" for every hour.</summary>
    public TimeSpan DraftSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Folder of the sample data files. When empty, "samples/data" two levels above the content root.</summary>
    public string? SamplesPath { get; set; }

    /// <summary>The sample data folder as a full path.</summary>
    public string ResolveSamplesPath(string contentRoot) => SamplesPath is { Length: > 0 } configured
        ? Path.GetFullPath(configured, contentRoot)
        : Path.GetFullPath(Path.Combine(contentRoot, "..", "..", "samples", "data"));

    /// <summary>The templates folder as a full path.</summary>
    public string ResolveTemplatesPath(string contentRoot) => TemplatesPath is { Length: > 0 } configured
        ? Path.GetFullPath(configured, contentRoot)
        : Path.GetFullPath(Path.Combine(contentRoot, "..", "..", "definitions", "templates"));
}
