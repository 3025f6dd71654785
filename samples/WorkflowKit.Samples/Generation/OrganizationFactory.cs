using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Builds the demo organisation: per region two sales staff, a sales manager, a credit officer and a
/// warehouse keeper, plus an administrator, a process owner, two finance staff and a buyer.
/// </summary>
internal static class OrganizationFactory
{
    public static (List<SampleDepartment> Departments, List<SampleUser> Users) Create(
        SeededRandom random, IReadOnlyList<SampleRegion> regions)
    {
        var names = new PersonNames(random);
        var departments = new List<SampleDepartment>
        {
            new("hq", "总部", null, "po-1"),
            new("it", "信息部", "hq", "admin"),
            new("process", "流程管理部", "hq", "po-1"),
        };
        var users = new List<SampleUser>
        {
            new("admin", "系统管理员", "it", ["admin"], null),
            new("po-1", names.Next(), "process", ["process-owner"], null),
        };

        foreach (var region in regions)
        {
            var sales = $"sales-{region.Key}";
            departments.Add(new(sales, $"{region.Name}销售部", "hq", $"salesmgr-{region.Key}"));
            users.Add(new($"sales-{region.Key}-1", names.Next(), sales, ["sales"], region.Key));
            users.Add(new($"sales-{region.Key}-2", names.Next(), sales, ["sales"], region.Key));
            users.Add(new($"salesmgr-{region.Key}", names.Next(), sales, ["sales-manager"], region.Key));
        }

        departments.Add(new("credit", "信用管理部", "hq", $"credit-{regions[0].Key}"));
        users.AddRange(regions.Select(region =>
            new SampleUser($"credit-{region.Key}", names.Next(), "credit", ["credit-officer"], region.Key)));

        departments.Add(new("finance", "财务部", "hq", "fin-1"));
        users.Add(new("fin-1", names.Next(), "finance", ["finance"], null));
        users.Add(new("fin-2", names.Next(), "finance", ["finance"], null));

        foreach (var region in regions)
        {
            var warehouse = $"warehouse-{region.Warehouse}";
            departments.Add(new(warehouse, region.WarehouseName, "hq", $"wh-{region.Key}"));
            users.Add(new($"wh-{region.Key}", names.Next(), warehouse, ["warehouse"], region.Key));
        }

        departments.Add(new("purchasing", "采购部", "hq", "buyer-1"));
        users.Add(new("buyer-1", names.Next(), "purchasing", ["purchasing"], null));
        return (departments, users);
    }
}
