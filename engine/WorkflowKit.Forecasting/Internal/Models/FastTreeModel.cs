using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// One Microsoft.ML FastTree regression trained on all series together, forecasting each step ahead directly
/// (the step is a feature) from <see cref="FastTreeFeatures"/>. Training runs on one thread with a fixed seed so
/// that the same history gives the same forecast.
/// </summary>
internal sealed class FastTreeModel
{
    public const string ModelName = "fasttree";

    /// <summary>Fewer training rows than this give trees that mostly memorise noise, so the model is skipped.</summary>
    private const int MinimumTrainingRows = 60;

    /// <summary>Most recent origins per series used for training, which bounds the cost on daily histories.</summary>
    private const int MaxOriginsPerSeries = 200;

    private readonly int _seed;

    public FastTreeModel(int seed)
    {
        _seed = seed;
    }

    /// <summary>
    /// Trains on every series and forecasts each one. An entry is null when that series is too short or cannot be
    /// scaled because its last cycle sums to zero or less. The whole result is null when there is too little data.
    /// </summary>
    public double[]?[]? Forecast(IReadOnlyList<TrainingSeries> panel, int horizon)
    {
        var rows = TrainingRows(panel, horizon);
        if (rows.Count < MinimumTrainingRows)
        {
            return null;
        }

        var context = new MLContext(_seed);
        var trainer = context.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = 100,
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 10,
            LearningRate = 0.1,
            NumberOfThreads = 1,
            Seed = _seed,
        });
        var model = trainer.Fit(context.Data.LoadFromEnumerable(rows));

        var queries = new List<FeatureRow>();
        var owners = new List<(int Series, int Step, double Scale)>();
        for (var s = 0; s < panel.Count; s++)
        {
            var series = panel[s];
            var origin = series.Length - 1;
            if (origin < FastTreeFeatures.FirstOrigin(series.SeasonLength))
            {
                continue;
            }

            var scale = FastTreeFeatures.Scale(series.Values.Span, origin, series.SeasonLength);
            if (scale == 0)
            {
                continue;
            }

            for (var step = 1; step <= horizon; step++)
            {
                queries.Add(FeatureRow.For(series, origin, step, scale, 0));
                owners.Add((s, step, scale));
            }
        }

        var result = new double[]?[panel.Count];
        if (queries.Count == 0)
        {
            return result;
        }

        var scores = model.Transform(context.Data.LoadFromEnumerable(queries))
            .GetColumn<float>("Score")
            .ToArray();
        for (var i = 0; i < scores.Length; i++)
        {
            var (s, step, scale) = owners[i];
            result[s] ??= new double[horizon];
            result[s]![step - 1] = scores[i] * scale;
        }

        return result;
    }

    private static List<FeatureRow> TrainingRows(IReadOnlyList<TrainingSeries> panel, int horizon)
    {
        var rows = new List<FeatureRow>();
        foreach (var series in panel)
        {
            var values = series.Values.Span;
            var firstOrigin = Math.Max(
                FastTreeFeatures.FirstOrigin(series.SeasonLength),
                series.Length - 1 - MaxOriginsPerSeries);
            for (var origin = firstOrigin; origin < series.Length - 1; origin++)
            {
                var scale = FastTreeFeatures.Scale(values, origin, series.SeasonLength);
                if (scale == 0)
                {
                    continue;
                }

                for (var step = 1; step <= horizon && origin + step < series.Length; step++)
                {
                    rows.Add(FeatureRow.For(series, origin, step, scale, (float)(values[origin + step] / scale)));
                }
            }
        }

        return rows;
    }

    /// <summary>Row in the shape that ML.NET reads: a label and a fixed-length feature vector.</summary>
    internal sealed class FeatureRow
    {
        public float Label { get; set; }

        [VectorType(FastTreeFeatures.Count)]
        public float[] Features { get; set; } = [];

        public static FeatureRow For(TrainingSeries series, int origin, int step, double scale, float label)
        {
            var features = new float[FastTreeFeatures.Count];
            FastTreeFeatures.Fill(series, origin, step, scale, features);
            return new FeatureRow { Label = label, Features = features };
        }
    }
}
