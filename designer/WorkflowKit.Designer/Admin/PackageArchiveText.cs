using System.Globalization;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Designer.Admin;

/// <summary>
/// The size limit of an uploaded template package and the wording of its rejections, in Simplified Chinese or in
/// English (the engine's own message), for the admin page and <c>POST /api/packages</c> alike.
/// </summary>
public static class PackageArchiveText
{
    /// <summary>The largest .zip file accepted, the same as the largest file an attachment field may take.</summary>
    public const long MaxArchiveBytes = FieldTypes.MaxFileSizeLimit;

    /// <summary>Describes why <paramref name="rejected"/> was rejected, naming the archive and the entry.</summary>
    public static string Describe(PackageArchiveException rejected, bool chinese)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (!chinese)
        {
            return rejected.Message;
        }

        var archive = rejected.ArchiveName;
        var entry = rejected.Entry;
        var limit = rejected.Limit.ToString(CultureInfo.InvariantCulture);
        return rejected.Problem switch
        {
            PackageArchiveProblem.NotZip when entry is not null =>
                $"“{archive}”中的条目“{entry}”无法解压；请重新压缩模板包目录后上传新的 .zip 文件。",
            PackageArchiveProblem.NotZip => $"“{archive}”不是可读取的 .zip 文件；请把模板包目录压缩为 .zip 后上传。",
            PackageArchiveProblem.UnsafePath =>
                $"“{archive}”中的条目“{entry}”是绝对路径或用“..”跳出了压缩包；条目须是压缩包内的路径，如“forms/order.json”。" +
                "请用常规压缩工具重新压缩模板包目录。",
            PackageArchiveProblem.DuplicateEntry => $"“{archive}”中的条目“{entry}”出现了两次；请重新压缩，使每个文件只出现一次。",
            PackageArchiveProblem.TooManyEntries =>
                $"“{archive}”的条目超过模板包上限 {limit} 个；请只压缩模板包目录：package.json 及其表单、流程、视图和示例数据。",
            PackageArchiveProblem.TooLarge =>
                $"“{archive}”解压后超过 {rejected.Limit / (1024 * 1024)} MiB（在条目“{entry}”处达到上限）；模板包只含 JSON 定义和示例数据，" +
                "请去掉其他文件。",
            PackageArchiveProblem.NoManifest =>
                $"“{archive}”的根目录或唯一的顶层目录中没有 package.json；请压缩含 package.json 的模板包目录本身，或其中的文件。",
            _ => rejected.Message,
        };
    }

    /// <summary>Formats a byte count as the file field limits do, such as "100 MB".</summary>
    public static string FormatSize(long bytes) =>
        WorkflowKit.Files.FileUploadCheck.FormatSize(bytes, CultureInfo.InvariantCulture);
}
