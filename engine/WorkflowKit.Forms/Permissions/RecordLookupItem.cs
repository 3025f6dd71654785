namespace WorkflowKit.Permissions;

/// <summary>A record offered by a related-record picker: its id, serial number and title.</summary>
public sealed record RecordLookupItem(long Id, string? SerialNumber, string Title);
