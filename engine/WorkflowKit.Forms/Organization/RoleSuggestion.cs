namespace WorkflowKit.Organization;

/// <summary>Describes a role key that is not defined, with the defined key it most likely misspells.</summary>
internal static class RoleSuggestion
{
    /// <summary>Edits (insert, delete, replace or swap two neighbours) that a misspelt key may be away from its role.</summary>
    private const int MaxDistance = 2;

    /// <summary>Returns the problem text for <paramref name="role"/>, which <paramref name="defined"/> lacks.</summary>
    public static string Describe(string role, IReadOnlySet<string> defined)
    {
        var known = defined.Order(StringComparer.Ordinal).ToList();
        if (known.Count == 0)
        {
            return $"role \"{role}\" is not defined, and neither the file nor the database defines any role; import " +
                   "the template package that declares the roles first (workflowkit import PACKAGE --db DB), pass " +
                   "it with --package, or add the role under \"roles\"";
        }

        var closest = Closest(role, known);
        var hint = closest is null ? "." : $"; did you mean \"{closest}\"?";
        return $"role \"{role}\" is not defined in the file or the database{hint} The defined roles are " +
               $"{string.Join(", ", known)}. Use one of them, or add the role under \"roles\"";
    }

    /// <summary>
    /// Returns the defined key with the fewest edits from <paramref name="role"/>, ignoring case, when it is at most
    /// <see cref="MaxDistance"/> edits away and shorter keys are not changed beyond recognition.
    /// </summary>
    public static string? Closest(string role, IReadOnlyList<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var key in known)
        {
            var distance = Distance(role.ToLowerInvariant(), key.ToLowerInvariant());
            var limit = Math.Min(MaxDistance, Math.Max(1, key.Length / 3));
            if (distance <= limit && distance < bestDistance)
            {
                best = key;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance: the Levenshtein distance with swaps of two neighbours.</summary>
    private static int Distance(string source, string target)
    {
        var rows = new int[source.Length + 1, target.Length + 1];
        for (var i = 0; i <= source.Length; i++)
        {
            rows[i, 0] = i;
        }

        for (var j = 0; j <= target.Length; j++)
        {
            rows[0, j] = j;
        }

        for (var i = 1; i <= source.Length; i++)
        {
            for (var j = 1; j <= target.Length; j++)
            {
                var cost = source[i - 1] == target[j - 1] ? 0 : 1;
                rows[i, j] = Math.Min(Math.Min(rows[i - 1, j] + 1, rows[i, j - 1] + 1), rows[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && source[i - 1] == target[j - 2] && source[i - 2] == target[j - 1])
                {
                    rows[i, j] = Math.Min(rows[i, j], rows[i - 2, j - 2] + 1);
                }
            }
        }

        return rows[source.Length, target.Length];
    }
}
