using WorkflowKit.Organization;

namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>
/// The test organisation: sales (manager dave) with alice and bob, finance (manager grace) with
/// carol, credit officers erin (east) and frank (west).
/// </summary>
public static class TestOrganization
{
    public static InMemoryOrganizationDirectory Create() => new InMemoryOrganizationDirectory()
        .Add(new OrgDepartment("sales", "Sales", null, "dave"))
        .Add(new OrgDepartment("finance", "Finance", null, "grace"))
        .Add(User("alice", "sales", ["sales"], ("region", "east")))
        .Add(User("bob", "sales", ["sales"], ("region", "west")))
        .Add(User("carol", "finance", ["finance"]))
        .Add(User("dave", "sales", ["manager"]))
        .Add(User("grace", "finance", ["manager"]))
        .Add(User("erin", "finance", ["credit-officer"], ("region", "east")))
        .Add(User("frank", "finance", ["credit-officer"], ("region", "west")))
        .Add(User("henry", "sales", ["sales"]));

    private static OrgUser User(string id, string department, string[] roles, params (string Name, string Value)[] attributes) =>
        new(id, id, department, roles, attributes.ToDictionary(pair => pair.Name, pair => pair.Value));
}
