namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the attachment, image and signature inputs (<c>Forms/FileFieldInput</c>), merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class FileChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Choose file"] = "选择文件",
        ["Choose files"] = "选择文件",
        ["Choose image"] = "选择图片",
        ["Up to {0} per file"] = "每个文件不超过 {0}",
        ["Up to {0} per file; {1}"] = "每个文件不超过 {0}；允许 {1}",
        ["Draw your signature above; it is saved when you stop drawing."] = "请在上方手写签名，停笔后自动保存。",
        ["Sign again"] = "重新签名",
        ["Saving signature..."] = "正在保存签名…",
        ["Uploading {0}..."] = "正在上传 {0}…",
        ["No file"] = "无文件",
        ["The upload failed: {0}"] = "上传失败：{0}",
        ["Preview: files are checked against this draft's limits but not stored, so the field stays empty."] =
            "预览：文件按此草稿的限制检查，但不会保存，因此字段保持为空。",
        ["Preview: {0} meets this field's limits."] = "预览：{0} 符合此字段的限制。",
    };
}
