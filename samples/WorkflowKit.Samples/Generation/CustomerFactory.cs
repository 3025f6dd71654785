using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Builds 15 customers per region (hospitals of several grades, disease control centres,
/// community health centres and clinics) with names composed from the region's cities.
/// Credit limits and statuses are set later from the generated receivables.
/// </summary>
internal static class CustomerFactory
{
    private static readonly string[] Streets = ["东湖", "西湖", "南湖", "北苑", "新华", "人民路", "解放路", "中山路", "和平里", "长安"];
    private static readonly string[] Districts = ["城东", "城西", "城南", "城北", "高新", "经开", "滨江", "新城"];
    private static readonly string[] ClinicBrands = ["仁和", "康宁", "博爱", "安康", "济民", "惠民", "同德", "益康", "瑞济", "德济"];

    private static readonly Slot[] Slots =
    [
        new("hospital", "grade3A", "{0}市第一人民医院"),
        new("hospital", "grade3A", "{0}市中心医院"),
        new("hospital", "grade3A", "{0}市中医院"),
        new("hospital", "grade3B", "{0}市第二人民医院"),
        new("hospital", "grade3A", "{0}市妇幼保健院"),
        new("hospital", "grade2A", "{0}市第三人民医院"),
        new("hospital", "grade2A", "{0}市儿童医院"),
        new("hospital", "grade2B", "{0}市{1}区人民医院"),
        new("cdc", null, "{0}市疾病预防控制中心"),
        new("cdc", null, "{0}市疾病预防控制中心"),
        new("community", "grade1", "{0}市{2}街道社区卫生服务中心"),
        new("community", "grade1", "{0}市{2}街道社区卫生服务中心"),
        new("community", "grade1", "{0}市{2}街道社区卫生服务中心"),
        new("clinic", "ungraded", "{0}{3}门诊部"),
        new("clinic", "ungraded", "{0}{3}诊所"),
    ];

    public static int PerRegion => Slots.Length;

    public static List<SampleCustomer> Create(
        SeededRandom random, IReadOnlyList<SampleRegion> regions, IReadOnlyList<SampleUser> users,
        IReadOnlyList<SampleProduct> products)
    {
        var names = new PersonNames(random.Fork("contacts"));
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var customers = new List<SampleCustomer>();
        foreach (var region in regions)
        {
            var salesStaff = users.Where(user => user.Region == region.Key && user.Roles.Contains("sales")).ToList();
            var slow = random.Sample(Enumerable.Range(0, Slots.Length).ToList(), 4);
            foreach (var (slot, index) in Slots.Select((slot, index) => (slot, index)))
            {
                var (name, city) = UniqueName(random, slot, region, usedNames);
                var payer = index == slow[0] ? PayerKind.Delinquent
                    : slow.Contains(index) ? PayerKind.Slow : PayerKind.Prompt;
                var profile = Profile.Of(slot);
                customers.Add(new SampleCustomer(
                    $"C{customers.Count + 1:D4}",
                    name,
                    slot.Type,
                    slot.Grade,
                    region.Key,
                    city,
                    $"{names.Next()}（{profile.ContactDepartment}）",
                    random.Pick(salesStaff).Id,
                    profile.PaymentTermDays,
                    profile.MinShelfLifeDays,
                    Math.Round(profile.Size * random.Between(0.8m, 1.2m), 2),
                    profile.Discount,
                    payer,
                    Portfolio(random, slot, products, profile)));
            }
        }

        return customers;
    }

    private static (string Name, string City) UniqueName(
        SeededRandom random, Slot slot, SampleRegion region, HashSet<string> used)
    {
        while (true)
        {
            var city = random.Pick(region.Cities);
            var name = string.Format(
                System.Globalization.CultureInfo.InvariantCulture, slot.NamePattern, city, random.Pick(Districts),
                random.Pick(Streets), random.Pick(ClinicBrands));
            if (used.Add(name))
            {
                return (name, city);
            }
        }
    }

    private static List<string> Portfolio(
        SeededRandom random, Slot slot, IReadOnlyList<SampleProduct> products, Profile profile)
    {
        var use = slot.Type switch
        {
            "cdc" => CustomerUse.Cdc,
            "community" => CustomerUse.Community,
            "clinic" => CustomerUse.Clinic,
            _ => CustomerUse.Hospital,
        };
        var eligible = products.Where(product => product.Use.HasFlag(use)).Select(product => product.Code).ToList();
        var count = random.Between(profile.MinProducts, profile.MaxProducts);
        return [.. random.Sample(eligible, count).Order(StringComparer.Ordinal)];
    }

    private sealed record Slot(string Type, string? Grade, string NamePattern);

    /// <summary>Ordering and credit terms that follow from a customer's type and grade.</summary>
    private sealed record Profile(
        decimal Size, int PaymentTermDays, int MinShelfLifeDays, decimal Discount, int MinProducts, int MaxProducts,
        string ContactDepartment)
    {
        public static Profile Of(Slot slot) => (slot.Type, slot.Grade) switch
        {
            ("hospital", "grade3A") => new(3.0m, 180, 180, 0.06m, 8, 12, "检验科"),
            ("hospital", "grade3B") => new(2.2m, 120, 120, 0.05m, 7, 10, "检验科"),
            ("hospital", "grade2A") => new(1.5m, 120, 120, 0.04m, 6, 9, "药剂科"),
            ("hospital", _) => new(1.0m, 90, 120, 0.03m, 5, 7, "药剂科"),
            ("cdc", _) => new(2.5m, 90, 270, 0.08m, 7, 10, "免疫规划科"),
            ("community", _) => new(0.7m, 60, 90, 0.02m, 4, 7, "药房"),
            _ => new(0.4m, 30, 60, 0m, 3, 4, "负责人"),
        };
    }
}
