using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Hosting;

/// <summary>The accounts a fresh database gets, so that every role can be tried at once.</summary>
public static class DemoAccounts
{
    /// <summary>Password of every demo account; printed at start-up.</summary>
    public const string Password = "Demo@2024";

    public static IReadOnlyList<Department> Departments { get; } =
    [
        new("hq", "总部 Head office", null, "admin"),
        new("sales-east", "华东销售部 Sales East", "hq", "manager"),
        new("sales-north", "华北销售部 Sales North", "hq", "manager"),
        new("finance", "财务部 Finance", "hq", "finance1"),
        // The order template gives a shipping task to the warehouse staff of the department named after the
        // warehouse that ships ("warehouse-" and its code), so the demo warehouse user works in Shanghai.
        new("warehouse-sh", "上海中心仓 Shanghai warehouse", "hq", "warehouse1"),
    ];

    public static IReadOnlyList<NewUser> Users { get; } =
    [
        User("admin", "系统管理员 Admin", "hq", [RoleNames.Admin], "east"),
        User("owner", "流程负责人 Owner", "hq", [RoleNames.ProcessOwner], "east"),
        User("sales1", "张伟 Zhang Wei", "sales-east", [RoleNames.Sales], "east"),
        User("sales2", "李娜 Li Na", "sales-north", [RoleNames.Sales], "north"),
        User("manager", "王芳 Wang Fang", "sales-east", [RoleNames.SalesManager], "east"),
        User("finance1", "刘洋 Liu Yang", "finance", [RoleNames.Finance], "east"),
        User("credit1", "陈静 Chen Jing", "finance", [RoleNames.CreditOfficer], "east"),
        User("warehouse1", "赵磊 Zhao Lei", "warehouse-sh", [RoleNames.Warehouse], "east"),
    ];

    private static NewUser User(string name, string displayName, string department, string[] roles, string region) =>
        new(name, displayName, Password, department, roles, new Dictionary<string, string> { ["region"] = region });
}
