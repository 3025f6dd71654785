namespace WorkflowKit.Storage.PostgreSql.Definitions;

/// <summary>Rows of the definitions tables as Dapper reads them; times arrive as UTC <see cref="DateTime"/>.</summary>
internal static class DefinitionRows
{
    internal sealed class Draft
    {
        public string Kind { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public long Revision { get; set; }

        public string Content { get; set; } = string.Empty;

        public string SavedBy { get; set; } = string.Empty;

        public DateTime SavedAt { get; set; }
    }

    internal sealed class Version
    {
        public string Kind { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public int Number { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Content { get; set; } = string.Empty;

        public string ContentHash { get; set; } = string.Empty;

        public string PublishedBy { get; set; } = string.Empty;

        public DateTime PublishedAt { get; set; }

        public string? PackageKey { get; set; }

        public string? Comment { get; set; }
    }

    internal sealed class Summary
    {
        public string Kind { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public string? Name { get; set; }

        public int? LatestVersion { get; set; }

        public DateTime? PublishedAt { get; set; }

        public long? DraftRevision { get; set; }
    }

    internal sealed class Package
    {
        public string Key { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string Manifest { get; set; } = string.Empty;

        public string ImportedBy { get; set; } = string.Empty;

        public DateTime ImportedAt { get; set; }
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
