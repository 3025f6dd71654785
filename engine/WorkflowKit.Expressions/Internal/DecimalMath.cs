using System.Globalization;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Arithmetic on JavaScript numbers done in <see cref="decimal"/>: each double is read through its shortest
/// round-trip text, the operation runs in decimal, and the result comes back as the nearest double.
/// </summary>
/// <remarks>
/// A result with at most 15 significant digits therefore reads back exactly when formatted with shortest
/// round-trip formatting (0.1 + 0.2 gives the double printed "0.3"). Decimal keeps 28-29 significant digits,
/// so a quotient such as 1 / 3 is rounded to 28 digits before it becomes a double; the 16th and later
/// digits of an intermediate result are whatever the nearest double holds. Operands outside decimal's
/// range (NaN, infinities, magnitudes of 7.9e28 and above, or tiny values decimal cannot hold exactly)
/// fall back to ordinary double arithmetic, as does any operation involving zero (so -0 behaves as in
/// JavaScript).
/// </remarks>
internal static class DecimalMath
{
    private const double MaxDecimalMagnitude = 7.9e28;
    private const double SmallMagnitude = 1e-8;

    public static double Add(double a, double b)
    {
        if (a == 0 || b == 0 || !TryToDecimal(a, out var x) || !TryToDecimal(b, out var y))
        {
            return a + b;
        }

        try
        {
            return ToDouble(x + y);
        }
        catch (OverflowException)
        {
            return a + b;
        }
    }

    public static double Subtract(double a, double b)
    {
        if (a == 0 || b == 0 || !TryToDecimal(a, out var x) || !TryToDecimal(b, out var y))
        {
            return a - b;
        }

        try
        {
            return ToDouble(x - y);
        }
        catch (OverflowException)
        {
            return a - b;
        }
    }

    public static double Multiply(double a, double b)
    {
        if (a == 0 || b == 0 || !TryToDecimal(a, out var x) || !TryToDecimal(b, out var y))
        {
            return a * b;
        }

        try
        {
            return ToDouble(x * y);
        }
        catch (OverflowException)
        {
            return a * b;
        }
    }

    /// <summary>Divides in decimal; the quotient is rounded to decimal's 28-29 significant digits.</summary>
    public static double Divide(double a, double b)
    {
        if (a == 0 || b == 0 || !TryToDecimal(a, out var x) || !TryToDecimal(b, out var y))
        {
            return a / b;
        }

        try
        {
            return ToDouble(x / y);
        }
        catch (OverflowException)
        {
            return a / b;
        }
    }

    public static double Remainder(double a, double b)
    {
        if (a == 0 || b == 0 || !TryToDecimal(a, out var x) || !TryToDecimal(b, out var y))
        {
            return a % b;
        }

        try
        {
            var result = x % y;
            return result == 0 && a < 0 ? -0.0 : ToDouble(result);
        }
        catch (OverflowException)
        {
            return a % b;
        }
    }

    /// <summary>Raises to a whole exponent of at most 64 in decimal; other exponents use Math.Pow.</summary>
    public static double Power(double a, double b)
    {
        if (b != Math.Floor(b) || Math.Abs(b) > 64 || a == 0 || !TryToDecimal(a, out var x))
        {
            return Math.Pow(a, b);
        }

        try
        {
            var result = 1m;
            for (var i = 0; i < (int)Math.Abs(b); i++)
            {
                result *= x;
            }

            return ToDouble(b < 0 ? 1m / result : result);
        }
        catch (OverflowException)
        {
            return Math.Pow(a, b);
        }
        catch (DivideByZeroException)
        {
            return Math.Pow(a, b);
        }
    }

    /// <summary>
    /// Rounds to <paramref name="digits"/> decimal places, halves away from zero (1.005 → 1.01, -2.5 → -3).
    /// Negative digits round to tens, hundreds and so on. Digits are clamped to -15..15.
    /// </summary>
    public static double Round(double value, double digits)
    {
        if (!double.IsFinite(value) || double.IsNaN(digits))
        {
            return value;
        }

        var places = (int)Math.Clamp(Math.Truncate(digits), -15, 15);
        if (!TryToDecimal(value, out var x))
        {
            var scale = Math.Pow(10, places);
            return Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
        }

        try
        {
            return ToDouble(RoundDecimal(x, places));
        }
        catch (OverflowException)
        {
            return value;
        }
    }

    /// <summary>Rounds halves away from zero; negative places round to tens, hundreds and so on.</summary>
    public static decimal RoundDecimal(decimal value, int places)
    {
        if (places >= 0)
        {
            return Math.Round(value, Math.Min(places, 28), MidpointRounding.AwayFromZero);
        }

        var factor = Pow10(-places);
        return Math.Round(value / factor, 0, MidpointRounding.AwayFromZero) * factor;
    }

    /// <summary>Reads a double through its shortest round-trip text; false when decimal cannot hold it.</summary>
    public static bool TryToDecimal(double value, out decimal result)
    {
        result = 0m;
        if (!double.IsFinite(value))
        {
            return false;
        }

        if (value == 0)
        {
            return true;
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= MaxDecimalMagnitude)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[32];
        if (!value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)
            || !decimal.TryParse(buffer[..written], NumberStyles.Float, CultureInfo.InvariantCulture, out result))
        {
            return false;
        }

        // Very small values can lose digits beyond decimal's 28 places; refuse rather than round silently.
        return magnitude >= SmallMagnitude || ToDouble(result) == value;
    }

    /// <summary>The double nearest to the decimal's exact value.</summary>
    public static double ToDouble(decimal value)
    {
        Span<char> buffer = stackalloc char[48];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return double.Parse(buffer[..written], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
