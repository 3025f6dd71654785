using WorkflowKit.Organization;

namespace WorkflowKit.Forms.Tests.Organization;

/// <summary>Reading an organisation file: roles, attributes and the checks that need no database.</summary>
public sealed class OrganizationFileTests
{
    [Test]
    public void Parse_reads_roles_and_attributes()
    {
        var file = OrganizationFile.Parse(
            """
            {
              // The reader skips comments.
              "roles": [
                { "key": "qa", "name": { "zh-CN": "质量", "en": "Quality" } },
                { "key": "audit", "name": "审计" }
              ],
              "departments": [{ "id": "hq", "name": "总部", "parentId": null, "managerId": "a" }],
              "users": [{ "id": "a", "displayName": "甲", "department": "hq", "roles": ["qa"], "region": "east",
                          "attributes": { "site": "shanghai" } }]
            }
            """,
            "org.json");

        Assert.That(file.Roles.Select(role => (role.Key, role.Name.Get("zh-CN"), role.Name.Get("en"))),
            Is.EqualTo(new[] { ("qa", "质量", "Quality"), ("audit", "审计", "审计") }));
        Assert.That(file.Departments, Is.EqualTo(new[] { new OrgDepartment("hq", "总部", null, "a") }));
        var user = file.Users.Single();
        Assert.That(user.Roles, Is.EqualTo(new[] { "qa" }));
        Assert.That(user.Attributes, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["region"] = "east",
            ["site"] = "shanghai",
        }));
    }

    [Test]
    public void Parse_reports_parent_cycle_members_only()
    {
        var error = Assert.Throws<InvalidDataException>(() => OrganizationFile.Parse(
            """
            {
              "departments": [
                { "id": "a", "name": "A", "parentId": "b" },
                { "id": "b", "name": "B", "parentId": "a" },
                { "id": "c", "name": "C", "parentId": "a" }
              ]
            }
            """,
            "org.json"));

        Assert.That(error!.Message, Does.Contain("org.json: $.departments: department \"a\" is its own ancestor"));
        Assert.That(error.Message, Does.Contain("org.json: $.departments: department \"b\" is its own ancestor"));
        Assert.That(error.Message, Does.Not.Contain("department \"c\""));
    }

    [Test]
    public void Parse_reports_invalid_json_position()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => OrganizationFile.Parse("{\n  \"users\": [\n", "org.json"));

        Assert.That(error!.Message, Does.StartWith("org.json is not valid JSON at line 3, position 1: "));
        Assert.That(error.Message, Does.EndWith("Correct the file and import it again."));
    }

    [TestCase("[]", "org.json has 1 problem(s)")]
    [TestCase("{}", "$: no \"departments\", \"users\" or \"roles\" to import")]
    [TestCase("""{"users": {}}""", "$.users: expected a list")]
    [TestCase("""{"roles": [{"key": "x"}]}""", "$.roles[0].name: expected text or an object")]
    public void Parse_rejects_shape(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => OrganizationFile.Parse(json, "org.json"));

        Assert.That(error!.Message, Does.Contain(expected));
    }
}
