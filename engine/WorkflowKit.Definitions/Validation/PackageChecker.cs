using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Checks a package manifest's roles, permission rules and sample data against its documents.</summary>
internal static class PackageChecker
{
    public static void Check(CheckContext context, PackageManifest manifest, DefinitionSet set, string folder)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (manifest.Roles?.Count ?? 0); i++)
        {
            if (!roles.Add(manifest.Roles![i].Key))
            {
                context.Error(
                    DiagnosticCodes.DuplicateRoleKey, JsonPointers.Of("roles", i, "key"),
                    $"Role \"{manifest.Roles[i].Key}\" is defined twice. Remove or rename one.");
            }
        }

        for (var i = 0; i < (manifest.Permissions?.Count ?? 0); i++)
        {
            CheckPermission(context, manifest.Permissions![i], JsonPointers.Of("permissions", i), roles, set);
        }

        for (var i = 0; i < (manifest.SampleData?.Count ?? 0); i++)
        {
            var sample = manifest.SampleData![i];
            var pointer = JsonPointers.Of("sampleData", i);
            if (set.FindForm(sample.Form) is null && !set.IsUnreadable(FormDefinition.KindName, sample.Form))
            {
                UnknownForm(context, JsonPointers.Append(pointer, "form"), sample.Form);
            }

            if (!File.Exists(Path.Combine(folder, sample.File)))
            {
                context.Error(
                    DiagnosticCodes.PackageFileMissing, JsonPointers.Append(pointer, "file"),
                    $"Sample data file \"{sample.File}\" does not exist next to the manifest. Add the file or fix " +
                    $"the path.");
            }
        }
    }

    private static void CheckPermission(
        CheckContext context, PermissionRule rule, string pointer, HashSet<string> roles, DefinitionSet set)
    {
        if (!roles.Contains(rule.Role))
        {
            context.Error(
                DiagnosticCodes.UnknownRole, JsonPointers.Append(pointer, "role"),
                $"Role \"{rule.Role}\" is not defined in \"roles\". Add it there or use one of: " +
                $"{(roles.Count == 0 ? "(none defined)" : string.Join(", ", roles))}.");
        }

        var form = set.FindForm(rule.Form);
        if (form is null)
        {
            if (!set.IsUnreadable(FormDefinition.KindName, rule.Form))
            {
                UnknownForm(context, JsonPointers.Append(pointer, "form"), rule.Form);
            }

            return;
        }

        var scope = FieldScope.For(form);
        ConditionChecker.Check(context, rule.Rows, JsonPointers.Append(pointer, "rows"), scope);
        for (var i = 0; i < (rule.HiddenFields?.Count ?? 0); i++)
        {
            if (!scope.Resolves(rule.HiddenFields![i]))
            {
                FormChecker.UnknownField(context, JsonPointers.Of(pointer, "hiddenFields", i), rule.HiddenFields[i],
                    scope);
            }
        }
    }

    private static void UnknownForm(CheckContext context, string pointer, string key) =>
        context.Error(
            DiagnosticCodes.UnknownForm, pointer,
            $"Form \"{key}\" is not part of the package. List its file in \"forms\" or use the key of a listed form.");
}
