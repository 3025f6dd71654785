using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Bench.Forms;

/// <summary>
/// Time to validate one submission with the product's validators (FluentValidation rules built
/// from the form definition by <see cref="FormValidatorFactory"/>, called through
/// <see cref="FormSubmissionService.ValidateAsync"/> as the API and imports call them).
/// </summary>
public static class FormValidationBenchmark
{
    public static async Task<ValidationTiming> MeasureAsync(
        string name, FormDefinition form, JsonObject data, TimeSpan duration, string workDirectory)
    {
        // The service needs a store and a database to be built; validation reads neither, so the file is never opened.
        var database = new SqliteDatabase(Path.Combine(workDirectory, "validation-unused.db"));
        var service = new FormSubmissionService(
            new FormValidatorFactory(new FormValidationServices()), new SqliteRecordStore(database, TimeProvider.System),
            database, access: null);
        var context = new FormSubmissionContext("sales-0-0", CultureInfo.GetCultureInfo("zh-CN")) { CheckPermissions = false };

        var first = await service.ValidateAsync(form, data, context, CancellationToken.None);
        if (!first.IsValid)
        {
            throw new InvalidOperationException(
                $"The {name} benchmark data should be valid; the validator reported: " +
                string.Join("; ", first.Errors.Take(5).Select(error => $"{error.Path}: {error.Message}")));
        }

        for (var i = 0; i < 20; i++)
        {
            await service.ValidateAsync(form, data, context, CancellationToken.None);
        }

        var latency = new Latency();
        var timer = CpuTimer.Start();
        var count = 0;
        while (timer.Wall < duration || count < 20)
        {
            var one = Latency.StartTiming();
            await service.ValidateAsync(form, data, context, CancellationToken.None);
            latency.Record(one.Elapsed);
            count++;
        }

        return new ValidationTiming(name, latency.Percentile(50), latency.Percentile(95), timer.Cpu.TotalMilliseconds / count);
    }
}
