using WorkflowKit.Files;

namespace WorkflowKit.Designer.Files;

/// <summary>
/// Decides which files a page may show inline. Only PNG, JPEG, GIF and WebP images are shown, because a browser runs
/// no script in them. An SVG, HTML or any other file is only offered as a download.
/// </summary>
public static class FilePreview
{
    /// <summary>Returns the address of a file's inline preview, which <c>/api/files/{id}/preview</c> serves.</summary>
    public static string UrlOf(string fileId) => $"/api/files/{Uri.EscapeDataString(fileId)}/preview";

    /// <summary>Returns the address of a file's download.</summary>
    public static string DownloadUrlOf(string fileId) => $"/api/files/{Uri.EscapeDataString(fileId)}";

    /// <summary>Whether a stored media type is one of the raster image types that a preview shows.</summary>
    public static bool IsRasterType(string? contentType) =>
        contentType is not null && ImageFormats.ExtensionsOf(contentType).Count > 0;

    /// <summary>
    /// Returns the media type of the raster image that the content is, read from its first bytes rather than from the
    /// stored media type, or null when it is no PNG, JPEG, GIF or WebP image.
    /// </summary>
    public static string? RasterTypeOf(ReadOnlySpan<byte> content) =>
        ImageFormats.Sniff(content[..Math.Min(content.Length, ImageFormats.HeaderLength)]);
}
