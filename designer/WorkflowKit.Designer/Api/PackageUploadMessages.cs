using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// The messages of <c>POST /api/packages</c> and <c>POST /api/packages/preview</c> about the request itself (its
/// size and its parts) and about a package that failed validation, in Simplified Chinese for a caller whose culture is
/// zh and in English otherwise.
/// </summary>
internal sealed class PackageUploadMessages
{
    private static readonly PackageUploadMessages Chinese = new(chinese: true);
    private static readonly PackageUploadMessages English = new(chinese: false);

    private PackageUploadMessages(bool chinese) => IsChinese = chinese;

    public bool IsChinese { get; }

    public static PackageUploadMessages For(UserContext user) =>
        user.Culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public string TooLarge(long limit) => IsChinese
        ? $"上传请求超过上限 {PackageArchiveText.FormatSize(limit)}；模板包 .zip 文件最大 {ArchiveLimit}，请只压缩模板包的定义和示例数据"
        : $"The upload request is larger than the limit of {PackageArchiveText.FormatSize(limit)} (a package .zip " +
          $"file may be at most {ArchiveLimit}); zip only the package's definitions and sample data";

    public string NotMultipart() => IsChinese
        ? "请以 multipart/form-data 上传：模板包 .zip 文件放在名为 \"file\" 的部分"
        : "Send the package as multipart/form-data with the .zip file in a part named \"file\"";

    public string UnreadableMultipart(string reason) => IsChinese
        ? $"无法读取 multipart/form-data 请求体（{reason}）；请检查 Content-Type 中的 boundary 和各部分的格式后重新发送"
        : $"The multipart/form-data body cannot be read ({reason}); check the boundary in the Content-Type header " +
          "and the format of the parts, and send the request again";

    public string NeedsOneFile(int count) => IsChinese
        ? $"请求中有 {count} 个文件部分；请只在名为 \"file\" 的部分中发送一个模板包 .zip 文件"
        : $"The request has {count} file parts; send one package .zip file in a part named \"file\"";

    public string Invalid(int errors) => IsChinese
        ? $"模板包有 {errors} 个错误，未导入任何内容；请按 diagnostics 中列出的文件（压缩包内的条目名）和 JSON 路径修改后重新上传"
        : $"The package has {errors} error(s), so nothing was imported; fix them in the files (entry names inside the " +
          "archive) and at the JSON paths that diagnostics lists, then upload it again";

    public string Conflicts(string englishDetail, int count) => IsChinese
        ? $"模板包未导入：{count} 个定义有不是本模板包发布的较新版本（见 conflicts）；请对每个定义发送 replace=类型:标识（如 " +
          "flow:customer-credit-review）以包内内容替换，或发送 keepNewer=true 保留较新版本，然后重新上传"
        : $"{englishDetail} Send replace=kind:key (such as flow:customer-credit-review) for each definition to publish " +
          "the package's content over it, or keepNewer=true to keep the newer versions, and upload the package again";

    private static string ArchiveLimit => PackageArchiveText.FormatSize(PackageArchiveText.MaxArchiveBytes);
}
