using WorkflowKit.Forecasting.Csv;

namespace WorkflowKit.Forecasting.Tests.Csv;

public sealed class SalesHistoryCsvTests
{
    [Test]
    public async Task LongForm_ReadsAllColumns()
    {
        const string text = """
            date,customer,product,quantity
            2018-01-15,Ruijin Hospital,IVD-Kit A,12.5
            2018-01-20,,"Vaccine, adult",-2
            1/31/2018, Huashan ,IVD-Kit A,1e2
            """;

        var observations = await SalesHistoryCsv.ReadAsync(new StringReader(text));

        Assert.That(observations, Is.EqualTo(new[]
        {
            new SalesObservation(new DateOnly(2018, 1, 15), "Ruijin Hospital", "IVD-Kit A", 12.5m),
            new SalesObservation(new DateOnly(2018, 1, 20), null, "Vaccine, adult", -2m),
            new SalesObservation(new DateOnly(2018, 1, 31), "Huashan", "IVD-Kit A", 100m),
        }));
    }

    [Test]
    public async Task LongForm_CustomerColumnOptional()
    {
        const string text = "Product,Quantity,Date\nM01AB,3.25,2018-02-01\n";

        var observations = await SalesHistoryCsv.ReadAsync(new StringReader(text));

        var expected = new SalesObservation(new DateOnly(2018, 2, 1), null, "M01AB", 3.25m);
        Assert.That(observations, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task LongForm_HeaderOnlyGivesNoRows()
    {
        var observations = await SalesHistoryCsv.ReadAsync(new StringReader("date,customer,product,quantity\n"));

        Assert.That(observations, Is.Empty);
    }

    [Test]
    public void BadQuantity_NamesLineColumnAndValue()
    {
        const string text = "date,customer,product,quantity\n2018-01-01,,A,1\n2018-01-02,,A,\"12,5\"\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "sales.csv"));

        Assert.That(exception!.Line, Is.EqualTo(3));
        Assert.That(exception.Column, Is.EqualTo("quantity"));
        Assert.That(exception.Value, Is.EqualTo("12,5"));
        Assert.That(exception.Message, Is.EqualTo(
            "sales.csv: Line 3, column 'quantity': '12,5' is not a valid quantity. Use a number with '.' as the " +
            "decimal separator and no thousands separator, for example 1250.5."));
    }

    [Test]
    public void BadDate_NamesLineColumnAndValue()
    {
        const string text = "date,product,quantity\n2018-01-01,A,1\n2018-01-01,A,1\n31.12.2018,A,1\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(() => SalesHistoryCsv.ReadAsync(new StringReader(text)));

        Assert.That(exception!.Line, Is.EqualTo(4));
        Assert.That(exception.Column, Is.EqualTo("date"));
        Assert.That(exception.Value, Is.EqualTo("31.12.2018"));
        Assert.That(exception.Message, Does.StartWith("Line 4, column 'date': '31.12.2018' is not a valid date."));
    }

    [Test]
    public void EmptyProduct_NamesLineAndColumn()
    {
        const string text = "date,customer,product,quantity\n2018-01-01,C1,  ,4\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(() => SalesHistoryCsv.ReadAsync(new StringReader(text)));

        Assert.That(exception!.Line, Is.EqualTo(2));
        Assert.That(exception.Column, Is.EqualTo("product"));
    }

    [Test]
    public void WrongFieldCount_NamesLine()
    {
        const string text = "date,customer,product,quantity\n2018-01-01,C1,A,4\n2018-01-02,C1,A\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(() => SalesHistoryCsv.ReadAsync(new StringReader(text)));

        Assert.That(exception!.Line, Is.EqualTo(3));
        Assert.That(exception.Message, Does.Contain("expected 4 fields as in the header, but found 3"));
    }

    [Test]
    public void MissingQuantityColumn_NamesHeader()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader("date,customer,product\n2018-01-01,C1,A\n")));

        Assert.That(exception!.Line, Is.EqualTo(1));
        Assert.That(exception.Column, Is.EqualTo("quantity"));
        Assert.That(exception.Message, Does.Contain("has no 'quantity' column"));
    }

    [Test]
    public void MisspeltLongHeader_NamesMissingColumn()
    {
        const string text = "date,customer,item,qty\n2018-01-01,C1,A,4\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "sales.csv"));

        Assert.That(exception!.Line, Is.EqualTo(1));
        Assert.That(exception.Column, Is.EqualTo("product"));
        Assert.That(exception.Message, Is.EqualTo(
            "sales.csv: Line 1: the header 'date,customer,item,qty' has no 'product' column. A long-form sales " +
            "file needs the columns date, product and quantity; customer is optional."));
    }

    [Test]
    public void WideBadQuantity_SaysHowHeaderWasRead()
    {
        const string text = "date,client,item,qty\n2018-01-01,C1,A,4\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "sales.csv"));

        Assert.That(exception!.Line, Is.EqualTo(2));
        Assert.That(exception.Column, Is.EqualTo("client"));
        Assert.That(exception.Value, Is.EqualTo("C1"));
        Assert.That(exception.ErrorCount, Is.EqualTo(2), "'C1' and 'A' are both invalid");
        Assert.That(exception.Message, Does.StartWith(
            "sales.csv: Line 2, column 'client': 'C1' is not a valid quantity. Use a number with '.' as the " +
            "decimal separator and no thousands separator, for example 1250.5. The header has no 'product' or " +
            "'quantity' column, so the file was read as wide form, with 'client' as a product. For one sale per " +
            "row, name the columns date, customer, product and quantity." + Environment.NewLine));
    }

    [TestCase("date;customer;product;quantity\n2018-01-01;C1;A;4,5\n", "';'")]
    [TestCase("datum;M01AB;N02BE\n2018-01-31;1,5;2\n", "';'")]
    [TestCase("date\tcustomer\tproduct\tquantity\n2018-01-01\tC1\tA\t4\n", "tabs")]
    public void OtherSeparator_SaysToUseComma(string text, string separator)
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "sales.csv"));

        var header = text[..text.IndexOf('\n', StringComparison.Ordinal)];
        Assert.That(exception!.Line, Is.EqualTo(1));
        Assert.That(exception.Message, Is.EqualTo(
            $"sales.csv: Line 1: the header '{header}' separates its fields with {separator}, but sales files are " +
            "comma-separated. Save the file as CSV with ',' between fields and '.' as the decimal separator."));
    }

    [Test]
    public async Task BomBlankLinesAndQuotes_Read()
    {
        const string text = "Date,CUSTOMER,Product,Quantity,Region\n\n\"2018-01-05\",\"Acme, Inc\",P1,\"2.5\",N\n\n";
        var path = Path.Combine(Path.GetTempPath(), $"workflowkit-bom-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        IReadOnlyList<SalesObservation> observations;
        try
        {
            observations = await SalesHistoryCsv.ReadFileAsync(path);
        }
        finally
        {
            File.Delete(path);
        }

        var expected = new SalesObservation(new DateOnly(2018, 1, 5), "Acme, Inc", "P1", 2.5m);
        Assert.That(observations, Is.EqualTo(new[] { expected }));
    }

    [TestCase("\n")]
    [TestCase("")]
    public void UnclosedQuote_NamesLine(string end)
    {
        var text = "date,customer,product,quantity\n2018-01-01,C1,A,4\n2018-01-02,C1,\"A,4\n2018-01-03,C1,A,5" + end;

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "sales.csv"));

        Assert.That(exception!.Line, Is.EqualTo(3));
        Assert.That(exception.Message, Does.StartWith("sales.csv: Line 3: a quoted field is not closed: '\"A,4"));
        Assert.That(exception.Message, Does.EndWith(
            "End it with '\"', and write a quote inside a quoted field as '\"\"'."));
    }

    [Test]
    public void StrayQuote_NamesLineAndField()
    {
        const string text = "date,customer,product,quantity\n2018-01-01,C1,12\" kit,4\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "sales.csv"));

        Assert.That(exception!.Line, Is.EqualTo(2));
        Assert.That(exception.Value, Is.EqualTo("12\" kit"));
        Assert.That(exception.Message, Is.EqualTo(
            "sales.csv: Line 2: the field '12\" kit' contains a '\"' but is not quoted. Put the whole field in " +
            "quotes, and write a quote inside a quoted field as '\"\"'."));
    }

    [Test]
    public void HugeQuantity_OutOfRange()
    {
        const string text = "date,customer,product,quantity\n2018-01-01,C1,A,1e30\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "sales.csv"));

        Assert.That(exception!.Line, Is.EqualTo(2));
        Assert.That(exception.Column, Is.EqualTo("quantity"));
        Assert.That(exception.Message, Does.StartWith("sales.csv: Line 2, column 'quantity': '1e30' is out of range."));
    }

    [Test]
    public void UnknownHeader_Rejected()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader("when,what\n2018-01-01,3\n")));

        Assert.That(exception!.Message, Does.Contain("matches no known layout"));
    }

    [Test]
    public void EmptyFile_Rejected()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(() => SalesHistoryCsv.ReadAsync(new StringReader("")));

        Assert.That(exception!.Message, Does.Contain("The file is empty"));
    }

    [Test]
    public void DetectLayout_LongAndWide()
    {
        Assert.That(
            SalesHistoryCsv.DetectLayout(["date", "customer", "product", "quantity"]),
            Is.EqualTo(SalesCsvLayout.Long));
        Assert.That(SalesHistoryCsv.DetectLayout(["datum", "M01AB", "N02BE"]), Is.EqualTo(SalesCsvLayout.Wide));
        Assert.That(SalesHistoryCsv.DetectLayout(["Date", "Kit A"]), Is.EqualTo(SalesCsvLayout.Wide));
    }
}
