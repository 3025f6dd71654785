using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Organization;

/// <summary>
/// The organisation as a JSON file: <c>departments</c> (id, name, parentId, managerId), <c>users</c> (id,
/// displayName, department, roles, region, attributes) and optional <c>roles</c> (key, name), as a template package
/// declares them. It is the format of <c>samples/data/users.json</c>, which has no roles because the template package
/// brings them. <see cref="Parse"/> checks the file on its own. <see cref="Load"/> keeps the file's problems in
/// <see cref="Problems"/>, and <see cref="SaveAsync"/> reports them together with its reference checks against the
/// store, so that an import lists every problem in one pass. An entry whose id can be read takes part in those checks
/// even when it has other problems, and a common wrong property name such as <c>parent</c> for <c>parentId</c> is
/// reported as unknown but its value is checked as the property it stands for.
/// </summary>
/// <remarks>
/// Roles are a declared list: a user may hold only a role that the file or the store defines. Assignee rules and data
/// permissions match roles by key, so a mistyped key would leave its user without tasks and data.
/// </remarks>
public sealed record OrganizationFile(
    string FileName,
    IReadOnlyList<RoleDefinition> Roles,
    IReadOnlyList<OrgDepartment> Departments,
    IReadOnlyList<OrgUser> Users)
{
    private static readonly string[] RootProperties = ["departments", "users", "roles"];
    private static readonly string[] DepartmentProperties = ["id", "name", "parentId", "managerId"];
    private static readonly string[] UserProperties =
        ["id", "displayName", "department", "roles", "region", "attributes"];
    private static readonly string[] RoleProperties = ["key", "name"];

    // Property names that people write in place of the format's, by entry kind. Such a property is still an unknown
    // property, but the reference and cycle checks use its value in place of the real one's, so that one run reports
    // the problems behind it too.
    private static readonly Dictionary<string, string> DepartmentAliases = new(StringComparer.Ordinal)
    {
        ["parent"] = "parentId", ["manager"] = "managerId",
    };

    private static readonly Dictionary<string, string> UserAliases = new(StringComparer.Ordinal)
    {
        ["name"] = "displayName", ["departmentId"] = "department", ["dept"] = "department",
    };

    private static readonly Dictionary<string, string> NoAliases = new(StringComparer.Ordinal);

    /// <summary>
    /// Problems that parsing found in the file's own content (unknown properties, missing values, repeated ids,
    /// parentId cycles), each as "JSON path: problem". Empty for a file from <see cref="Parse"/>.
    /// </summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    // Index of each department and user in the file's lists, so that reference problems name the entry even when an
    // invalid entry before it was left out.
    private IReadOnlyList<int> DepartmentIndexes { get; init; } = [];

    private IReadOnlyList<int> UserIndexes { get; init; } = [];

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is invalid, with each problem and its JSON path.</exception>
    public static async Task<OrganizationFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(json, Path.GetFileName(path));
    }

    /// <summary>Reads the file at <paramref name="path"/> as <see cref="Load"/> does.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON or not a JSON object.</exception>
    public static async Task<OrganizationFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Load(json, Path.GetFileName(path));
    }

    /// <summary>Parses and checks the JSON text of a file named <paramref name="fileName"/> in messages.</summary>
    /// <exception cref="InvalidDataException">The file is invalid, with each problem and its JSON path.</exception>
    public static OrganizationFile Parse(string json, string fileName)
    {
        var file = Load(json, fileName);
        return file.Problems.Count > 0 ? throw Invalid(fileName, file.Problems) : file;
    }

    /// <summary>
    /// Parses the JSON text of a file named <paramref name="fileName"/> and keeps the problems of its entries in
    /// <see cref="Problems"/> instead of throwing, leaving out the entries without an id.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not JSON or not a JSON object.</exception>
    public static OrganizationFile Load(string json, string fileName)
    {
        JsonNode? root;
        try
        {
            // Without AllowDuplicateProperties = false, a repeated name parses and then fails on first use of the
            // object with an ArgumentException that names no place in the file.
            var options = new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowDuplicateProperties = false,
            };
            root = JsonNode.Parse(json, documentOptions: options);
        }
        catch (JsonException error)
        {
            var description = JsonErrorDescriber.Describe(error, fileName, json, allowComments: true);
            throw new InvalidDataException($"{description.Message} Then import the file again.", error);
        }

        var problems = new List<string>();
        if (root is not JsonObject document)
        {
            throw Invalid(fileName, ["$: expected an object with \"departments\" and \"users\""]);
        }

        CheckProperties(document, "$", RootProperties, NoAliases, problems);
        var roles = ReadList(document, "roles", problems, ReadRole);
        var departments = ReadList(document, "departments", problems, ReadDepartment);
        var users = ReadList(document, "users", problems, ReadUser);
        if (departments.Count == 0 && users.Count == 0 && roles.Count == 0 && problems.Count == 0)
        {
            problems.Add("$: no \"departments\", \"users\" or \"roles\" to import");
        }

        CheckUnique(roles, role => role.Key, "roles", "key", problems);
        CheckUnique(departments, department => department.Id, "departments", "id", problems);
        CheckUnique(users, user => user.Id, "users", "id", problems);
        CheckParentCycles([.. departments.Select(entry => entry.Value)], document["departments"] as JsonArray,
            problems);
        return new OrganizationFile(
            fileName,
            [.. roles.Select(entry => entry.Value)],
            [.. departments.Select(entry => entry.Value)],
            [.. users.Select(entry => entry.Value)])
        {
            Problems = problems,
            DepartmentIndexes = [.. departments.Select(entry => entry.Index)],
            UserIndexes = [.. users.Select(entry => entry.Index)],
        };
    }

    /// <summary>
    /// Checks that every parent department, manager, user department and user role exists in this file or in
    /// <paramref name="store"/>, then creates or replaces the roles, departments and users.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file has <see cref="Problems"/> or a reference is missing, with every problem of both kinds; nothing was
    /// written.
    /// </exception>
    /// <remarks>
    /// Each user, department and role is saved in its own transaction. Saves replace by id, so importing the same file
    /// again after a failure part-way completes the import.
    /// </remarks>
    public async Task SaveAsync(IOrganizationStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var storedDepartments = (await store.ListDepartmentsAsync(cancellationToken).ConfigureAwait(false))
            .Select(department => department.Id);
        var storedUsers = (await store.ListUsersAsync(cancellationToken).ConfigureAwait(false)).Select(user => user.Id);
        var storedRoles = (await store.ListRolesAsync(cancellationToken).ConfigureAwait(false))
            .Select(role => role.Key);
        var departmentIds = Departments.Select(department => department.Id).Concat(storedDepartments)
            .ToHashSet(StringComparer.Ordinal);
        var userIds = Users.Select(user => user.Id).Concat(storedUsers).ToHashSet(StringComparer.Ordinal);
        var roleKeys = Roles.Select(role => role.Key).Concat(storedRoles).ToHashSet(StringComparer.Ordinal);

        var problems = new List<string>(Problems);
        for (var index = 0; index < Departments.Count; index++)
        {
            var department = Departments[index];
            var path = $"$.departments[{FileIndex(DepartmentIndexes, index)}]";
            if (department.ParentId is { } parent && !departmentIds.Contains(parent))
            {
                problems.Add($"{path}.parentId: department \"{parent}\" is neither in the file nor in the " +
                             "database; add it to \"departments\" or remove parentId");
            }

            if (department.ManagerId is { } manager && !userIds.Contains(manager))
            {
                problems.Add($"{path}.managerId: user \"{manager}\" is neither in the file nor in the database; " +
                             "add them to \"users\" or remove managerId");
            }
        }

        for (var index = 0; index < Users.Count; index++)
        {
            var user = Users[index];
            var path = $"$.users[{FileIndex(UserIndexes, index)}]";
            if (user.DepartmentId is { } department && !departmentIds.Contains(department))
            {
                problems.Add($"{path}.department: department \"{department}\" is neither in the file nor in the " +
                             "database; add it to \"departments\"");
            }

            for (var roleIndex = 0; roleIndex < user.Roles.Count; roleIndex++)
            {
                if (!roleKeys.Contains(user.Roles[roleIndex]))
                {
                    problems.Add($"{path}.roles[{roleIndex}]: {RoleSuggestion.Describe(user.Roles[roleIndex], roleKeys)}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw Invalid(FileName, problems);
        }

        foreach (var role in Roles)
        {
            await store.SaveRoleAsync(role, cancellationToken).ConfigureAwait(false);
        }

        foreach (var department in Departments)
        {
            await store.SaveDepartmentAsync(department, cancellationToken).ConfigureAwait(false);
        }

        foreach (var user in Users)
        {
            await store.SaveUserAsync(user, cancellationToken).ConfigureAwait(false);
        }
    }

    // A file built by the constructor instead of Load has no recorded indexes, and its entries are its file order.
    private static int FileIndex(IReadOnlyList<int> indexes, int index) =>
        index < indexes.Count ? indexes[index] : index;

    private static InvalidDataException Invalid(string fileName, IReadOnlyList<string> problems) =>
        new($"{fileName} has {problems.Count} problem(s), so nothing was imported. Correct them and import it again:" +
            Environment.NewLine +
            string.Join(Environment.NewLine, problems.Select(problem => $"  {fileName}: {problem}")));

    private static List<(T Value, int Index)> ReadList<T>(
        JsonObject document, string name, List<string> problems, Func<JsonObject, string, List<string>, T?> read)
        where T : class
    {
        var result = new List<(T Value, int Index)>();
        switch (document[name])
        {
            case null:
                return result;
            case JsonArray items:
                for (var index = 0; index < items.Count; index++)
                {
                    var path = $"$.{name}[{index}]";
                    if (items[index] is not JsonObject item)
                    {
                        problems.Add($"{path}: expected an object");
                    }
                    else if (read(item, path, problems) is { } value)
                    {
                        result.Add((value, index));
                    }
                }

                return result;
            default:
                problems.Add($"$.{name}: expected a list");
                return result;
        }
    }

    // An entry with an id is kept even when another value is missing, so that its references are checked in the
    // same run. The missing value is in the problems, so such a file is never saved.
    private static OrgDepartment? ReadDepartment(JsonObject item, string path, List<string> problems)
    {
        CheckProperties(item, path, DepartmentProperties, DepartmentAliases, problems);
        var id = RequiredText(item, path, "id", problems);
        var name = RequiredText(item, path, "name", problems);
        var parentId = OptionalText(item, path, "parentId", problems) ?? Alias(item, "parentId", DepartmentAliases);
        var managerId = OptionalText(item, path, "managerId", problems) ?? Alias(item, "managerId", DepartmentAliases);
        return id is null ? null : new OrgDepartment(id, name ?? id, parentId, managerId);
    }

    private static OrgUser? ReadUser(JsonObject item, string path, List<string> problems)
    {
        CheckProperties(item, path, UserProperties, UserAliases, problems);
        var id = RequiredText(item, path, "id", problems);
        var displayName = RequiredText(item, path, "displayName", problems) ?? Alias(item, "displayName", UserAliases);
        var department = OptionalText(item, path, "department", problems) ?? Alias(item, "department", UserAliases);
        var roles = new List<string>();
        switch (item["roles"])
        {
            case null:
                break;
            case JsonArray list:
                for (var index = 0; index < list.Count; index++)
                {
                    if (Text(list[index]) is { Length: > 0 } role)
                    {
                        roles.Add(role);
                    }
                    else
                    {
                        problems.Add($"{path}.roles[{index}]: expected a role key as text");
                    }
                }

                break;
            default:
                problems.Add($"{path}.roles: expected a list of role keys");
                break;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item["attributes"] is JsonObject given)
        {
            foreach (var (name, value) in given)
            {
                if (Text(value) is { } text)
                {
                    attributes[name] = text;
                }
                else
                {
                    problems.Add($"{path}.attributes.{name}: expected text");
                }
            }
        }
        else if (item["attributes"] is not null)
        {
            problems.Add($"{path}.attributes: expected an object of text values, such as {{\"region\": \"east\"}}");
        }

        if (OptionalText(item, path, "region", problems) is { } region)
        {
            attributes["region"] = region;
        }

        return id is null ? null : new OrgUser(id, displayName ?? id, department, roles, attributes);
    }

    private static RoleDefinition? ReadRole(JsonObject item, string path, List<string> problems)
    {
        CheckProperties(item, path, RoleProperties, NoAliases, problems);
        var key = RequiredText(item, path, "key", problems);
        LocalizedText? name = item["name"] switch
        {
            null => null,
            JsonValue value when Text(value) is { Length: > 0 } text => new LocalizedText(text, text),
            JsonObject names when Text(names["zh-CN"]) is { } chinese =>
                new LocalizedText(chinese, Text(names["en"]) ?? chinese),
            _ => null,
        };
        if (name is null)
        {
            problems.Add(
                $"{path}.name: expected text or an object such as {{\"zh-CN\": \"销售\", \"en\": \"Sales\"}}");
        }

        return key is null || name is null ? null : new RoleDefinition { Key = key, Name = name };
    }

    private static void CheckProperties(
        JsonObject item, string path, string[] known, Dictionary<string, string> aliases, List<string> problems)
    {
        foreach (var (name, _) in item)
        {
            if (known.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var hint = aliases.TryGetValue(name, out var meant) && !item.ContainsKey(meant)
                ? $"; did you mean \"{meant}\"?"
                : string.Empty;
            problems.Add($"{path}.{name}: unknown property; expected {string.Join(", ", known)}{hint}");
        }
    }

    /// <summary>Returns the text of the alias of <paramref name="property"/> when the entry lacks the property.</summary>
    private static string? Alias(JsonObject item, string property, Dictionary<string, string> aliases) =>
        item.ContainsKey(property)
            ? null
            : aliases.Where(alias => alias.Value == property).Select(alias => Text(item[alias.Key]))
                .FirstOrDefault(text => !string.IsNullOrEmpty(text));

    private static string? RequiredText(JsonObject item, string path, string name, List<string> problems)
    {
        var text = Text(item[name]);
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{path}.{name}: missing; expected non-empty text");
            return null;
        }

        return text;
    }

    private static string? OptionalText(JsonObject item, string path, string name, List<string> problems)
    {
        var node = item[name];
        if (node is null)
        {
            return null;
        }

        if (Text(node) is { } text)
        {
            return text.Length == 0 ? null : text;
        }

        problems.Add($"{path}.{name}: expected text or null");
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Reports each repeated id at its later entries, naming the entry where it first appears.</summary>
    private static void CheckUnique<T>(
        List<(T Value, int Index)> entries, Func<T, string> id, string list, string property, List<string> problems)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (value, index) in entries)
        {
            if (!first.TryAdd(id(value), index))
            {
                problems.Add($"$.{list}[{index}].{property}: {property} \"{id(value)}\" is also at " +
                             $"$.{list}[{first[id(value)]}]; keep one entry");
            }
        }
    }

    /// <summary>
    /// Reports each parentId cycle once, at the parentId of its department that comes first in the file, naming the
    /// departments in the order that parentId leads through them.
    /// </summary>
    private static void CheckParentCycles(
        IReadOnlyList<OrgDepartment> departments, JsonArray? items, List<string> problems)
    {
        var parents = departments.Where(department => department.ParentId is not null)
            .DistinctBy(department => department.Id, StringComparer.Ordinal)
            .ToDictionary(department => department.Id, department => department.ParentId!, StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            if (reported.Contains(department.Id))
            {
                continue;
            }

            // A department below a cycle ends in the cycle without returning to itself, and only the cycle's own
            // members are reported.
            var chain = new List<string> { department.Id };
            var current = department.Id;
            while (parents.TryGetValue(current, out var parent) && !chain.Contains(parent, StringComparer.Ordinal))
            {
                chain.Add(parent);
                current = parent;
            }

            if (!parents.TryGetValue(current, out var last) || last != department.Id)
            {
                continue;
            }

            reported.UnionWith(chain);
            var path = $"$.departments[{IndexOf(items, department.Id)}].parentId";
            if (chain.Count == 1)
            {
                problems.Add($"{path}: department \"{department.Id}\" names itself as its parent; change or " +
                             "remove its parentId");
                continue;
            }

            var route = string.Join(" -> ", chain.Append(department.Id).Select(id => $"\"{id}\""));
            problems.Add($"{path}: departments " +
                         $"{string.Join(", ", chain.Select(id => $"\"{id}\""))} form a cycle through parentId " +
                         $"({route}), so each is its own ancestor; change or remove the parentId of one of them");
        }
    }

    /// <summary>Returns the index of department <paramref name="id"/> in the file's "departments" list.</summary>
    private static int IndexOf(JsonArray? items, string id)
    {
        for (var index = 0; items is not null && index < items.Count; index++)
        {
            if (items[index] is JsonObject item && Text(item["id"]) == id)
            {
                return index;
            }
        }

        return -1;
    }
}
