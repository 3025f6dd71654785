namespace WorkflowKit.Samples.Tests.Generation;

public sealed class MasterDataTests : GeneratedSamplesFixture
{
    private static readonly string[] RegionKeys = ["east", "north", "south", "west"];

    private static readonly string[] NameEndings = ["医院", "保健院", "疾病预防控制中心", "社区卫生服务中心", "门诊部", "诊所"];

    [Test]
    public void Customers_SixtyAcrossFourRegions()
    {
        Assert.That(Customers.Rows, Has.Count.EqualTo(60));
        foreach (var region in RegionKeys)
        {
            Assert.That(Customers.Rows.Count(row => row["region"] == region), Is.GreaterThanOrEqualTo(10), region);
        }

        Assert.That(Customers.Rows.Select(row => row["region"]).Distinct(), Is.EquivalentTo(RegionKeys));
    }

    [Test]
    public void Customers_CodesAndNamesUnique()
    {
        Assert.That(Customers.Rows.Select(row => row["code"]), Is.Unique);
        Assert.That(Customers.Rows.Select(row => row["name"]), Is.Unique);
        Assert.That(Customers.Rows.Select(row => row["code"]), Has.All.Match(@"^C\d{4}$"));
    }

    [Test]
    public void Customers_NamesAreChineseInstitutions()
    {
        foreach (var row in Customers.Rows)
        {
            Assert.That(NameEndings.Any(ending => row["name"].EndsWith(ending, StringComparison.Ordinal)), Is.True,
                row["name"]);
            Assert.That(row["name"], Does.StartWith(row["city"]), row["code"]);
        }
    }

    [Test]
    public void Customers_HospitalsHaveGrade()
    {
        var hospitals = Customers.Rows.Where(row => row["customerType"] == "hospital").ToList();

        Assert.That(hospitals, Is.Not.Empty);
        Assert.That(hospitals.Select(row => row["hospitalGrade"]), Has.None.Empty);
        Assert.That(hospitals.Select(row => row["hospitalGrade"]), Does.Contain("grade3A"));
    }

    [Test]
    public void Customers_SalesOwnerSellsInSameRegion()
    {
        var users = UserList().ToDictionary(user => user.Id, StringComparer.Ordinal);

        foreach (var row in Customers.Rows)
        {
            Assert.That(users.ContainsKey(row["salesOwner"]), Is.True, $"{row["code"]} owner {row["salesOwner"]}");
            var owner = users[row["salesOwner"]];
            Assert.That(owner.Roles, Does.Contain("sales"), row["code"]);
            Assert.That(owner.Region, Is.EqualTo(row["region"]), row["code"]);
        }
    }

    [Test]
    public void Customers_CreditFieldsFilled()
    {
        foreach (var row in Customers.Rows)
        {
            Assert.That(Values.Money(row["creditLimit"]), Is.GreaterThanOrEqualTo(50_000m), row["code"]);
            Assert.That(row["approvedLimit"], Is.EqualTo(row["creditLimit"]), row["code"]);
            Assert.That(Values.Integer(row["minShelfLifeDays"]), Is.InRange(30, 365), row["code"]);
            Assert.That(Values.Date(row["lastReviewedOn"]), Is.LessThan(Today), row["code"]);
        }

        Assert.That(Customers.Rows.Select(row => row["creditStatus"]).Distinct(),
            Is.SubsetOf(new[] { "normal", "watch", "restricted", "blocked" }));
    }

    [Test]
    public void Products_FortyReagentsAndVaccines()
    {
        Assert.That(Products.Rows, Has.Count.EqualTo(40));
        Assert.That(Products.Rows.Select(row => row["code"]), Is.Unique);
        Assert.That(Products.Rows.Count(row => row["category"] == "ivdReagent"), Is.GreaterThanOrEqualTo(10));
        Assert.That(Products.Rows.Count(row => row["category"] == "vaccine"), Is.GreaterThanOrEqualTo(10));
        Assert.That(Products.Rows.Select(row => row["storageCondition"]).Distinct(),
            Is.EquivalentTo(new[] { "cold", "frozen", "ambient" }));
    }

    [Test]
    public void Products_VaccinesAreRefrigerated()
    {
        var vaccines = Products.Rows.Where(row => row["category"] == "vaccine").ToList();

        Assert.That(vaccines.Select(row => row["storageCondition"]), Has.All.EqualTo("cold"));
        Assert.That(vaccines.Select(row => row["code"]), Has.All.StartWith("VAC-"));
    }

    [Test]
    public void Products_CostBelowPrice()
    {
        foreach (var row in Products.Rows)
        {
            Assert.That(Values.Money(row["unitCost"]), Is.LessThan(Values.Money(row["unitPrice"])), row["code"]);
        }
    }

    [Test]
    public void RegionalPrices_OnePerProductAndRegion()
    {
        var prices = CsvFile.Read(PathOf(SampleFiles.RegionalPrices));
        var products = Products.Rows.Select(row => row["code"]).ToHashSet(StringComparer.Ordinal);

        Assert.That(prices.Rows, Has.Count.EqualTo(products.Count * RegionKeys.Length));
        Assert.That(prices.Rows.Select(row => (row["product"], row["region"])), Is.Unique);
        Assert.That(prices.Rows.Select(row => row["product"]).Distinct(), Is.SubsetOf(products));
    }
}
