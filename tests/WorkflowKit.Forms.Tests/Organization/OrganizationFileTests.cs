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

        Assert.That(error!.Message, Does.StartWith("org.json has 1 problem(s)"));
        Assert.That(error.Message, Does.Contain(
            "org.json: $.departments[0].parentId: departments \"a\", \"b\" form a cycle through parentId " +
            "(\"a\" -> \"b\" -> \"a\"), so each is its own ancestor; change or remove the parentId of one of them"));
        Assert.That(error.Message, Does.Not.Contain("\"c\""));
    }

    [Test]
    public void Parse_reports_cycle_at_first_member()
    {
        var error = Assert.Throws<InvalidDataException>(() => OrganizationFile.Parse(
            """
            {
              "departments": [
                { "id": "top", "name": "Top" },
                { "id": "below", "name": "Below", "parentId": "d3" },
                { "id": "d3", "name": "D3", "parentId": "d1" },
                { "id": "d1", "name": "D1", "parentId": "d2" },
                { "id": "d2", "name": "D2", "parentId": "d3" },
                { "id": "self", "name": "Self", "parentId": "self" }
              ]
            }
            """,
            "org.json"));

        Assert.That(error!.Message, Does.StartWith("org.json has 2 problem(s)"));
        Assert.That(error.Message, Does.Contain(
            "org.json: $.departments[2].parentId: departments \"d3\", \"d1\", \"d2\" form a cycle through " +
            "parentId (\"d3\" -> \"d1\" -> \"d2\" -> \"d3\")"));
        Assert.That(error.Message, Does.Contain(
            "org.json: $.departments[5].parentId: department \"self\" names itself as its parent; change or remove " +
            "its parentId"));
    }

    [Test]
    public void Parse_reports_invalid_json_position()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => OrganizationFile.Parse("{\n  \"users\": [\n", "org.json"));

        Assert.That(error!.Message, Is.EqualTo(
            "org.json is not valid JSON at line 3, column 1 (JSON path $.users): the text ends before the list that " +
            "starts at line 2, column 12 is closed. Complete the last value and add the missing ]}. Then import the " +
            "file again."));
    }

    [TestCase("{\n  \"users\": [],\n}\n",
        "line 3, column 1 (JSON path $): a comma follows the last property of the object. Remove that comma.")]
    [TestCase("{\n  \"users\": []\n  \"roles\": []\n}",
        "line 3, column 3 (JSON path $): a comma is missing before '\"'. Add a comma between the two values or " +
        "properties.")]
    [TestCase("{ \"departments\": [{ \"id\": \"东\", \"name\": \"华东\" x }] }",
        "line 1, column 45 (JSON path $.departments[0]): a comma is missing before 'x'.")]
    [TestCase("{\n  \"users\": []\n}\n}\n", "line 4, column 1 (JSON path $): '}' follows the end of the JSON value.")]
    [TestCase("{\n  \"users\": [\n    {\"id\": \"u1\", \"displayName\": \"Li\", \"department\": \"d1\" // lead\n  ]\n}",
        "line 4, column 3 (JSON path $.users[0]): ']' does not close the object that starts at line 3, column 5.")]
    [TestCase("{\n  \"users\": [],\n  \"users\": []\n}",
        "line 3, column 3 (JSON path $.users): the property \"users\" appears twice in one object (first at line " +
        "2, column 3).")]
    public void Parse_describes_syntax_error(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => OrganizationFile.Parse(json, "org.json"));

        Assert.That(error!.Message, Does.Contain($" at {expected}"));
        Assert.That(error.Message, Does.StartWith("org.json "));
        Assert.That(error.Message, Does.Not.Contain("LineNumber"));
        Assert.That(error.Message, Does.Not.Contain("BytePositionInLine"));
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
