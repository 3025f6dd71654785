namespace WorkflowKit.Bench.Forms;

/// <summary>Section "forms": validation of a 500-field form and of a 1,000-row sub-table.</summary>
public static class FormSection
{
    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        var wide = await FormValidationBenchmark.MeasureAsync(
            "500-field", BenchForms.Wide(500), BenchForms.WideData(500), plan.FormRun, options.WorkDirectory);
        report.Add("forms.fields500.p50", wide.P50, "ms", Target.Maximum(2));
        report.Add("forms.fields500.p95", wide.P95, "ms");
        report.Add("forms.fields500.cpuPerValidation", wide.CpuMs, "ms");

        var table = await FormValidationBenchmark.MeasureAsync(
            "1,000-row", BenchForms.Table(1_000), BenchForms.TableData(1_000), plan.FormRun, options.WorkDirectory);
        report.Add("forms.rows1000.p50", table.P50, "ms", Target.Maximum(10));
        report.Add("forms.rows1000.p95", table.P95, "ms");
        report.Add("forms.rows1000.cpuPerValidation", table.CpuMs, "ms");
    }
}
