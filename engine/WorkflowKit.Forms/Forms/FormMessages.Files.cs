namespace WorkflowKit.Forms;

/// <summary>The messages of uploads and of file references in attachment, image and signature fields.</summary>
public sealed partial class FormMessages
{
    public string InvalidFileReference(string label, string value) => _zh
        ? $"“{label}” 需要通过 POST /api/files 上传的文件，按上传返回的 {{\"id\", \"name\", \"size\", \"contentType\"}} 填写，收到 {value}；请先上传文件"
        : $"\"{label}\" expects files uploaded through POST /api/files, each given as the {{\"id\", \"name\", \"size\", \"contentType\"}} " +
          $"that the upload returned, got {value}; upload the file first";

    public string UnknownFile(string label, string id) => _zh
        ? $"“{label}” 中的文件 {id} 不存在（可能已被清理）；请重新上传"
        : $"\"{label}\": file {id} does not exist (it may have been removed); upload it again";

    public string FileNotUploadedByUser(string label, string name) => _zh
        ? $"“{label}” 中的文件 {name} 不是由您上传的，也不属于这条流程；请自行上传该文件"
        : $"\"{label}\": file {name} was not uploaded by you and does not belong to this flow instance; upload the file yourself";

    public string FileNotReadable(string label, string name) => _zh
        ? $"“{label}” 中的文件 {name} 不是由您上传的，您也无权查看包含它的记录或流程；请自行上传该文件"
        : $"\"{label}\": file {name} was not uploaded by you and is in no record or flow instance you may read; " +
          "upload the file yourself";

    public string FileReferenceChanged(string label, string name) => _zh
        ? $"“{label}” 中文件 {name} 的名称、大小或类型与上传时不同；请使用上传返回的文件信息"
        : $"\"{label}\": the name, size or type of file {name} differs from the upload; send the reference that the upload returned";

    public string EmptyFile(string label, string name) => _zh
        ? $"“{label}”：文件 {name} 是空文件；请选择有内容的文件"
        : $"\"{label}\": file {name} is empty; choose a file with content";

    public string MissingFileName(string label) => _zh
        ? $"“{label}”：上传的文件没有文件名（或名称只含不可见字符）；请重命名后再上传"
        : $"\"{label}\": the uploaded file has no name (or only invisible characters); rename it and upload again";

    public string NameIsOnlyExtension(string label, string name) => _zh
        ? $"“{label}”：文件名 {name} 只有扩展名；请在扩展名前加上名称（如 合同{name}）后再上传"
        : $"\"{label}\": the file name {name} is only an extension; put a name before it (such as contract{name}) " +
          "and upload again";

    public string FileTooLarge(string label, string name, string size, string maximum) => _zh
        ? $"“{label}”：文件 {name} 大小为 {size}，超过上限 {maximum}；请压缩或拆分后再上传"
        : $"\"{label}\": file {name} is {size}, more than the limit of {maximum}; compress or split it and upload again";

    public string NotAnImage(string label, string name) => _zh
        ? $"“{label}” 需要 PNG、JPEG、GIF 或 WebP 图片，文件 {name} 的内容不是这几种图片"
        : $"\"{label}\" expects a PNG, JPEG, GIF or WebP image, but the content of file {name} is none of these";

    public string ImageTypeMismatch(string label, string name, string extension, string sniffed) => _zh
        ? $"“{label}”：文件 {name} 的扩展名为 {extension}，但内容是 {sniffed}；请用与内容相符的扩展名保存后再上传"
        : $"\"{label}\": file {name} has the extension {extension} but its content is {sniffed}; " +
          "save it with the extension of its content and upload again";

    public string TooManyFiles(string label) => _zh
        ? $"“{label}” 只能有一个文件；请删除多余的文件"
        : $"\"{label}\" takes one file; remove the others";

    public string NotAFileField(string label, string type) => _zh
        ? $"“{label}” 是 {type} 字段，不能上传文件；只有附件、图片和签名字段可以"
        : $"\"{label}\" is a {type} field and takes no uploads; only attachment, image and signature fields do";
}
