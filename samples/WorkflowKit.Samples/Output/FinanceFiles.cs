using WorkflowKit.Samples.Generation;

namespace WorkflowKit.Samples.Output;

/// <summary>
/// Writes the two finance sources in the shapes they arrive in: the ERP receivables export and the
/// overdue ledger finance keeps in Excel.
/// </summary>
internal static class FinanceFiles
{
    /// <summary>Sheet name of the overdue ledger workbook.</summary>
    public const string LedgerSheet = "逾期台账";

    /// <summary>
    /// Writes the invoices of the last twelve months and every older invoice that is still open, as
    /// a Kingdee receivables list exports them: Chinese headers, CRLF line ends, a byte order mark.
    /// </summary>
    public static void WriteErpReceivables(SampleWorld world, string folder)
    {
        var customers = world.Customers.ToDictionary(customer => customer.Code, StringComparer.Ordinal);
        var salesNames = world.Users.ToDictionary(user => user.Id, user => user.DisplayName, StringComparer.Ordinal);
        var from = world.Today.AddYears(-1);
        CsvTable.Write(
            Path.Combine(folder, SampleFiles.ErpReceivables),
            ["客户编码", "客户名称", "单据编号", "单据日期", "到期日", "币别", "原币金额", "已核销金额", "未核销金额",
                "源单编号", "业务员"],
            world.Receivables
                .Where(receivable => receivable.InvoiceDate >= from || receivable.Outstanding > 0)
                .OrderBy(receivable => receivable.InvoiceDate)
                .ThenBy(receivable => receivable.InvoiceNo, StringComparer.Ordinal)
                .Select(receivable =>
                {
                    var customer = customers[receivable.Customer];
                    return (IReadOnlyList<string>)
                    [
                        customer.Code, customer.Name, receivable.InvoiceNo, Cells.ErpDate(receivable.InvoiceDate),
                        Cells.ErpDate(receivable.DueDate), "人民币", Cells.Money(receivable.Amount),
                        Cells.Money(receivable.PaidAmount), Cells.Money(receivable.Outstanding), receivable.OrderNo,
                        salesNames[customer.SalesOwner],
                    ];
                }),
            byteOrderMark: true,
            "\r\n");
    }

    public static void WriteOverdueLedger(SampleWorld world, string folder)
    {
        var customers = world.Customers.ToDictionary(customer => customer.Code, StringComparer.Ordinal);
        var salesNames = world.Users.ToDictionary(user => user.Id, user => user.DisplayName, StringComparer.Ordinal);
        var recordedOn = world.Today.ToDateTime(TimeOnly.MinValue);
        ExcelTable.Write(
            Path.Combine(folder, SampleFiles.OverdueLedger),
            LedgerSheet,
            ["客户编码", "客户名称", "发票号码", "到期日期", "逾期金额", "逾期天数", "负责销售", "催收情况", "登记日期"],
            world.OverdueLedger.Select(record =>
            {
                var customer = customers[record.Customer];
                return (IReadOnlyList<object?>)
                [
                    customer.Code, customer.Name, record.InvoiceNo, record.DueDate.ToDateTime(TimeOnly.MinValue),
                    record.OverdueAmount, record.DaysPastDue, salesNames[customer.SalesOwner], record.FollowUp,
                    recordedOn,
                ];
            }));
    }
}
