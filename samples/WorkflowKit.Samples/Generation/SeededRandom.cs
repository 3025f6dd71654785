namespace WorkflowKit.Samples.Generation;

/// <summary>
/// A SplitMix64 pseudo-random generator that yields integers and decimals only, so that a seed
/// produces the same values on every platform and .NET version (System.Random does not promise
/// that, and floating-point functions may differ in the last bit between platforms).
/// </summary>
internal sealed class SeededRandom
{
    private const decimal UnitSteps = 1_000_000m;

    private ulong _state;

    public SeededRandom(long seed)
    {
        _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
    }

    /// <summary>Creates an independent stream for one concern, so that drawing more values in one
    /// concern does not shift the values of another.</summary>
    public SeededRandom Fork(string purpose)
    {
        var hash = 14695981039346656037UL;
        foreach (var character in purpose)
        {
            hash = unchecked((hash ^ character) * 1099511628211UL);
        }

        return new SeededRandom(unchecked((long)(NextUInt64() ^ hash)));
    }

    public ulong NextUInt64()
    {
        var z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Returns an integer in [0, <paramref name="maxExclusive"/>) without modulo bias.</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);

        return (int)(value % bound);
    }

    /// <summary>Returns an integer in [<paramref name="min"/>, <paramref name="max"/>], both inclusive.</summary>
    public int Between(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        return min + Next(max - min + 1);
    }

    /// <summary>Returns a decimal in [0, 1) in steps of one millionth.</summary>
    public decimal NextUnit() => Next((int)UnitSteps) / UnitSteps;

    public decimal Between(decimal min, decimal max) => min + ((max - min) * NextUnit());

    public bool Chance(decimal probability) => NextUnit() < probability;

    /// <summary>Returns a factor around 1, spread triangularly by up to <paramref name="spread"/> either way.</summary>
    public decimal Noise(decimal spread) => 1m + (spread * (NextUnit() + NextUnit() - 1m));

    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        return items[Next(items.Count)];
    }

    /// <summary>Returns up to <paramref name="count"/> distinct items in random order (partial Fisher-Yates).</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var pool = items.ToList();
        var taken = Math.Min(count, pool.Count);
        for (var i = 0; i < taken; i++)
        {
            var j = i + Next(pool.Count - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool.GetRange(0, taken);
    }
}
