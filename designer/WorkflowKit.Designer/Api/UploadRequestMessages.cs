using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// The messages of <c>POST /api/files</c> about the request itself (its size, its parts and their names), in
/// Simplified Chinese for a caller whose culture is zh and in English otherwise, like the field checks of an upload.
/// </summary>
internal sealed class UploadRequestMessages
{
    private static readonly UploadRequestMessages Chinese = new(chinese: true);
    private static readonly UploadRequestMessages English = new(chinese: false);

    private readonly bool _zh;

    private UploadRequestMessages(bool chinese) => _zh = chinese;

    public static UploadRequestMessages For(UserContext user) =>
        user.Culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public string TooLarge(string limit) => _zh
        ? $"上传请求超过上限 {limit}（字段的 maxSize 最大可设为 {FieldLimit}）；请压缩或拆分文件，每次请求只上传一个文件"
        : $"The upload request is larger than the limit of {limit} (a field's maxSize can be at most {FieldLimit}); " +
          "compress or split the file, and send one file per request";

    public string NotMultipart() => _zh
        ? "请以 multipart/form-data 上传：文件放在名为 \"file\" 的部分，并附上 \"form\"（表单标识）和 \"field\"（字段标识，子表列为 表.列）"
        : "Send the upload as multipart/form-data with the file in a part named \"file\" and the fields \"form\" " +
          "(form key) and \"field\" (field id, or table.column for a sub-table column)";

    public string UnreadableMultipart(string reason) => _zh
        ? $"无法读取 multipart/form-data 请求体（{reason}）；请检查 Content-Type 中的 boundary 和各部分的格式后重新发送"
        : $"The multipart/form-data body cannot be read ({reason}); check the boundary in the Content-Type header " +
          "and the format of the parts, and send the request again";

    public string WrongPartName(string names) => _zh
        ? $"文件放在了名为 {names} 的部分中；只接受名为 \"file\" 的部分，请把文件部分改名为 \"file\""
        : $"The file was sent in a part named {names}; only a part named \"file\" is accepted, so rename the part " +
          "to \"file\"";

    public string SeveralFiles(int count) => _zh
        ? $"请求中有 {count} 个名为 \"file\" 的部分，每次只能上传一个文件；请分 {count} 次上传，每次得到一个文件引用"
        : $"The request has {count} parts named \"file\", but one request uploads one file; send {count} requests, " +
          "each of which returns one file reference";

    public string MissingFileName() => _zh
        ? "名为 \"file\" 的部分没有文件名；请在 Content-Disposition 中给出文件名，如 filename=\"合同.pdf\""
        : "The part named \"file\" has no file name; give one in its Content-Disposition header, such as " +
          "filename=\"contract.pdf\"";

    public string MissingParts(bool file, bool form, bool field)
    {
        var missing = new List<string>();
        if (file)
        {
            missing.Add(_zh ? "名为 \"file\" 的文件部分" : "a part named \"file\" with the file");
        }

        if (form)
        {
            missing.Add(_zh ? "\"form\"（表单标识）" : "\"form\" (the form key)");
        }

        if (field)
        {
            missing.Add(_zh ? "\"field\"（字段标识）" : "\"field\" (the field id)");
        }

        return _zh
            ? $"上传缺少 {string.Join("、", missing)}；请同时发送文件、表单标识和字段标识"
            : $"The upload lacks {string.Join(" and ", missing)}; send the file with the form key and the field id";
    }

    private static string FieldLimit =>
        WorkflowKit.Files.FileUploadCheck.FormatSize(
            WorkflowKit.Definitions.Forms.FieldTypes.MaxFileSizeLimit, System.Globalization.CultureInfo.InvariantCulture);
}
