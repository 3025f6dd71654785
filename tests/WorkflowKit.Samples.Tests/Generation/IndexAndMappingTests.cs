using System.Text.Json;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using MiniExcelLibs;

namespace WorkflowKit.Samples.Tests.Generation;

public sealed class IndexAndMappingTests : GeneratedSamplesFixture
{
    private const long CommittedSizeLimit = 2 * 1024 * 1024;

    [Test]
    public void Index_NamesEveryImportFileAndForm()
    {
        var forms = TemplateForms.All();
        var index = Index();

        Assert.That(index.Package, Is.EqualTo(TemplateForms.Manifest().Key));
        Assert.That(index.Seed, Is.EqualTo(SampleDataGenerator.DefaultSeed));
        Assert.That(index.Today, Is.EqualTo(Today));
        foreach (var import in index.Imports)
        {
            Assert.That(forms.ContainsKey(import.Form), Is.True, import.Form);
            Assert.That(File.Exists(PathOf(import.File)), Is.True, import.File);
            Assert.That(import.Mapping is null || File.Exists(PathOf(import.Mapping)), Is.True, import.File);
        }
    }

    [Test]
    public void Index_FieldIdHeadersNameFormFields()
    {
        var forms = TemplateForms.All();

        foreach (var import in Index().Imports.Where(import => import.Mapping is null))
        {
            var fields = forms[import.Form].Fields.Select(field => field.Id).ToList();
            var header = CsvFile.Read(PathOf(import.File)).Header;
            Assert.That(header, Is.SubsetOf(fields), import.File);
            var required = forms[import.Form].Fields
                .Where(field => field.Required && field.Type is not (FieldTypes.Serial or FieldTypes.Formula))
                .Select(field => field.Id);
            Assert.That(required, Is.SubsetOf(header), import.File);
        }
    }

    [Test]
    public void Mappings_ColumnsInFilesAndFieldsInForms()
    {
        var forms = TemplateForms.All();

        foreach (var import in Index().Imports.Where(import => import.Mapping is not null))
        {
            var header = import.File.EndsWith(".xlsx", StringComparison.Ordinal)
                ? MiniExcel.Query(PathOf(import.File), useHeaderRow: true).Cast<IDictionary<string, object?>>()
                    .First().Keys.ToList()
                : [.. CsvFile.Read(PathOf(import.File)).Header];
            var fields = forms[import.Form].Fields.ToDictionary(field => field.Id, StringComparer.Ordinal);
            using var mapping = JsonDocument.Parse(File.ReadAllText(PathOf(import.Mapping!)));
            var columns = mapping.RootElement.GetProperty("columns").EnumerateArray()
                .Select(column => (Column: column.GetProperty("column").GetString()!,
                    Field: column.GetProperty("field").GetString()!))
                .ToList();

            Assert.That(columns.Select(column => column.Column), Is.SubsetOf(header), import.Mapping);
            Assert.That(columns.Select(column => column.Field), Is.SubsetOf(fields.Keys), import.Mapping);
            Assert.That(columns.Select(column => fields[column.Field].Type),
                Has.None.EqualTo(FieldTypes.Formula).And.None.EqualTo(FieldTypes.Serial), import.Mapping);
            var required = fields.Values.Where(field => field.Required).Select(field => field.Id);
            Assert.That(required, Is.SubsetOf(columns.Select(column => column.Field)), import.Mapping);
        }
    }

    [Test]
    public void Users_EveryRoleAndRegionalRoleCovered()
    {
        var users = UserList();
        var roles = TemplateForms.Manifest().Roles!.Select(role => role.Key).ToList();

        Assert.That(users.Select(user => user.Id), Is.Unique);
        Assert.That(users.SelectMany(user => user.Roles).Distinct(), Is.EquivalentTo(roles));
        foreach (var region in new[] { "east", "north", "south", "west" })
        {
            foreach (var role in new[] { "sales", "sales-manager", "credit-officer", "warehouse" })
            {
                Assert.That(users.Any(user => user.Region == region && user.Roles.Contains(role)), Is.True,
                    $"{role} in {region}");
            }
        }
    }

    [Test]
    public void Users_DepartmentsAndManagersExist()
    {
        var root = Users.RootElement;
        var departments = root.GetProperty("departments").EnumerateArray()
            .ToDictionary(department => department.GetProperty("id").GetString()!, StringComparer.Ordinal);
        var userIds = UserList().Select(user => user.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var user in root.GetProperty("users").EnumerateArray())
        {
            Assert.That(departments.ContainsKey(user.GetProperty("department").GetString()!), Is.True,
                user.GetProperty("id").GetString());
            Assert.That(user.GetProperty("displayName").GetString(), Is.Not.Empty);
        }

        foreach (var (id, department) in departments)
        {
            Assert.That(userIds, Does.Contain(department.GetProperty("managerId").GetString()), id);
        }
    }

    [Test]
    public void Output_SmallEnoughToCommit()
    {
        var bytes = Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Sum(file => new FileInfo(file).Length);

        Assert.That(bytes, Is.LessThan(CommittedSizeLimit));
    }

    private SampleDataIndex Index() =>
        DefinitionJson.Deserialize<SampleDataIndex>(File.ReadAllText(PathOf(SampleFiles.Index)));
}
