using System.Globalization;
using WorkflowKit.Organization;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// The benchmark's organisation: departments "dept-N", each with a manager "manager-N" and sales
/// staff "sales-N-M" in one region. A sales user's approvals go to the department's manager.
/// </summary>
public static class BenchOrganization
{
    public const int Departments = 8;
    public const int StaffPerDepartment = 25;

    public static InMemoryOrganizationDirectory Create()
    {
        var directory = new InMemoryOrganizationDirectory();
        for (var d = 0; d < Departments; d++)
        {
            var department = Department(d);
            var region = OrderDefinitions.Regions[d % OrderDefinitions.Regions.Length];
            directory.Add(new OrgDepartment(department, department, null, Manager(d)));
            directory.Add(new OrgUser(Manager(d), Manager(d), department, ["manager"], Region(region)));
            for (var s = 0; s < StaffPerDepartment; s++)
            {
                directory.Add(new OrgUser(Staff(d, s), Staff(d, s), department, ["sales"], Region(region)));
            }
        }

        return directory;
    }

    public static string Department(int d) => "dept-" + d.ToString(CultureInfo.InvariantCulture);

    public static string Manager(int d) => "manager-" + d.ToString(CultureInfo.InvariantCulture);

    public static string Staff(int d, int s) =>
        string.Create(CultureInfo.InvariantCulture, $"sales-{d}-{s}");

    private static Dictionary<string, string> Region(string region) => new(StringComparer.Ordinal) { ["region"] = region };
}
