using System.CommandLine;
using WorkflowKit.Forecasting;

namespace WorkflowKit.Cli.Commands;

/// <summary>The <c>forecast</c> command and its <c>evaluate</c> subcommand.</summary>
public static class ForecastCliCommands
{
    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);

        var input = InputOption();
        var horizon = HorizonOption();
        var period = PeriodOption();
        var output = new Option<string?>("--out")
        {
            Description = "CSV file to write (period,customer,product,forecast,lower,upper); standard output when " +
                          "not given. 'period' is the first day of each forecast period (yyyy-MM-dd). lower and " +
                          "upper are empty for a series with one period of history.",
        };
        var forecast = new Command(
            "forecast",
            "Forecast the periods after the last date of a sales history CSV, per customer and product. The input is " +
            "long form (date,customer,product,quantity; customer may be empty) or wide form (a date column and one " +
            "column per product). To use the output as input, rename 'period' to 'date' and 'forecast' to " +
            "'quantity'.")
        {
            input,
            horizon,
            period,
            output,
        };
        forecast.SetAction((parsed, cancellationToken) => ForecastCommands.ForecastAsync(
            parsed.GetValue(input)!, parsed.GetValue(horizon), parsed.GetValue(period), parsed.GetValue(output),
            context.Output, context.Error, cancellationToken));

        forecast.Subcommands.Add(Evaluate(context));
        root.Subcommands.Add(forecast);
    }

    private static Command Evaluate(CliContext context)
    {
        var input = InputOption();
        var horizon = HorizonOption();
        var period = PeriodOption();
        var origins = new Option<int>("--origins")
        {
            Description = "Number of rolling forecast origins inside the history that accuracy is averaged over.",
            DefaultValueFactory = _ => ForecastCommands.DefaultOrigins,
        };
        var noFastTree = new Option<bool>("--no-fast-tree")
        {
            Description = "Leave the FastTree model out of the candidates, as the replenishment watch template does.",
        };
        var perStep = new Option<bool>("--per-step-selection")
        {
            Description = "Choose the model per step ahead from its backtest error at that step, instead of one " +
                          "model for all steps.",
        };
        var modelOnly = new Option<bool>("--model-only")
        {
            Description = "Always use the chosen model, without comparing it per series with seasonal naive, the " +
                          "mean of the last 3 periods and their mix with the model.",
        };
        var command = new Command(
            "evaluate",
            "Backtest the forecaster with rolling origins and print accuracy (1 - WAPE) per horizon beside two " +
            "baselines: seasonal naive (same period last year) and the mean of the last three periods.")
        {
            input,
            horizon,
            period,
            origins,
            noFastTree,
            perStep,
            modelOnly,
        };
        command.SetAction((parsed, cancellationToken) => ForecastCommands.EvaluateAsync(
            parsed.GetValue(input)!,
            parsed.GetValue(period),
            parsed.GetValue(horizon),
            parsed.GetValue(origins),
            ForecastOptions.Default with
            {
                UseFastTree = !parsed.GetValue(noFastTree),
                PerStepSelection = parsed.GetValue(perStep),
                CompareWithBaselines = !parsed.GetValue(modelOnly),
            },
            context.Output,
            context.Error,
            cancellationToken));
        return command;
    }

    private static Option<string> InputOption() => new("--input")
    {
        Description = "Sales history CSV file.",
        Required = true,
    };

    private static Option<int> HorizonOption() => new("--horizon")
    {
        Description = "Number of periods to forecast after the last date in the file.",
        Required = true,
    };

    private static Option<Periodicity> PeriodOption()
    {
        var option = new Option<Periodicity>("--period")
        {
            Description = "Grain the history is aggregated to: day, week or month.",
            DefaultValueFactory = _ => Periodicity.Month,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "month";
                // Enum.TryParse also accepts numbers such as "5", which name no grain, so only names pass.
                if (Enum.TryParse<Periodicity>(text, ignoreCase: true, out var value)
                    && Enum.GetNames<Periodicity>().Contains(text.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    return value;
                }

                result.AddError($"Invalid period '{text}': use day, week or month.");
                return Periodicity.Month;
            },
        };
        return option;
    }
}
