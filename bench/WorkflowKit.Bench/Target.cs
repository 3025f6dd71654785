using System.Globalization;

namespace WorkflowKit.Bench;

/// <summary>A target a figure must meet: at least or at most a bound.</summary>
public sealed record Target(double Bound, bool AtLeast)
{
    public static Target Minimum(double bound) => new(bound, AtLeast: true);

    public static Target Maximum(double bound) => new(bound, AtLeast: false);

    public bool IsMet(double value) => !double.IsNaN(value) && (AtLeast ? value >= Bound : value <= Bound);

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, AtLeast ? ">= {0:G6}" : "<= {0:G6}", Bound);
}
