namespace WorkflowKit.Storage.Sqlite.Definitions;

/// <summary>Row shapes that Dapper reads from the definitions tables.</summary>
internal static class DefinitionRows
{
    internal sealed class Draft
    {
        public string Kind { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public long Revision { get; set; }

        public string Content { get; set; } = string.Empty;

        public string SavedBy { get; set; } = string.Empty;

        public string SavedAt { get; set; } = string.Empty;
    }

    internal sealed class Version
    {
        public string Kind { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public long Number { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Content { get; set; } = string.Empty;

        public string ContentHash { get; set; } = string.Empty;

        public string PublishedBy { get; set; } = string.Empty;

        public string PublishedAt { get; set; } = string.Empty;

        public string? PackageKey { get; set; }

        public string? Comment { get; set; }
    }

    internal sealed class Summary
    {
        public string Kind { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public string? Name { get; set; }

        public long? LatestVersion { get; set; }

        public string? PublishedAt { get; set; }

        public long? DraftRevision { get; set; }
    }

    internal sealed class Package
    {
        public string Key { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string Manifest { get; set; } = string.Empty;

        public string ImportedBy { get; set; } = string.Empty;

        public string ImportedAt { get; set; } = string.Empty;
    }

    internal sealed class Member
    {
        public string Kind { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public string Path { get; set; } = string.Empty;
    }

    internal sealed class PackageFile
    {
        public string Path { get; set; } = string.Empty;

        public byte[] Content { get; set; } = [];
    }
}
