using WorkflowKit.Organization;
using WorkflowKit.Records;

namespace WorkflowKit.Permissions;

/// <summary>
/// What one user may do with one form's records for one action: the rules (grants) that apply,
/// the rows they admit, and the fields they hide.
/// </summary>
/// <remarks>
/// Field hiding is decided per record: a field of a record is hidden from the user when every
/// grant that admits that record hides the field. A field is therefore visible on a record
/// when at least one of the user's roles both admits the record and shows the field. A role
/// that hides "price" therefore cannot reveal prices of records that only it admits, even when
/// another role of the same user shows prices on other records.
/// </remarks>
public sealed class RecordAccessScope
{
    public RecordAccessScope(string formKey, string action, OrgUser? user, IReadOnlyList<AccessGrant> grants)
    {
        FormKey = formKey;
        Action = action;
        User = user;
        Grants = grants;
        Rows = RecordFilter.Or(grants.Select(grant => grant.Rows));
        HidesUniformly = grants.Select(grant => grant.HiddenFields).Distinct(SetComparer.Instance).Count() <= 1;
    }

    public string FormKey { get; }

    public string Action { get; }

    public OrgUser? User { get; }

    public IReadOnlyList<AccessGrant> Grants { get; }

    /// <summary>Records the user may access: any grant admits them.</summary>
    public RecordFilter Rows { get; }

    /// <summary>Whether the user has any grant for this action.</summary>
    public bool IsGranted => Grants.Count > 0;

    /// <summary>Whether all grants hide the same fields, so no per-record flags are needed.</summary>
    public bool HidesUniformly { get; }

    /// <summary>Records on which every one of <paramref name="fields"/> is visible.</summary>
    public RecordFilter RowsShowing(IEnumerable<string> fields)
    {
        var list = fields.ToList();
        return RecordFilter.Or(Grants
            .Where(grant => !list.Any(grant.HiddenFields.Contains))
            .Select(grant => grant.Rows));
    }

    /// <summary>Whether no grant shows <paramref name="field"/> on any record.</summary>
    public bool IsHiddenEverywhere(string field) => Grants.All(grant => grant.HiddenFields.Contains(field));

    /// <summary>Fields hidden on a record given which grants admitted it (aligned with <see cref="Grants"/>).</summary>
    public IReadOnlySet<string> HiddenFields(IReadOnlyList<bool>? admittedBy)
    {
        if (Grants.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        if (HidesUniformly)
        {
            return Grants[0].HiddenFields;
        }

        // Without knowing which grants admitted the record, hide what any grant hides.
        var admitting = admittedBy is null || admittedBy.Count != Grants.Count
            ? []
            : Grants.Where((_, index) => admittedBy[index]).ToList();
        if (admitting.Count == 0)
        {
            return new HashSet<string>(Grants.SelectMany(grant => grant.HiddenFields), StringComparer.Ordinal);
        }

        return HiddenOnAll(admitting);
    }

    private static HashSet<string> HiddenOnAll(IReadOnlyList<AccessGrant> grants)
    {
        var hidden = new HashSet<string>(grants[0].HiddenFields, StringComparer.Ordinal);
        foreach (var grant in grants.Skip(1))
        {
            hidden.IntersectWith(grant.HiddenFields);
        }

        return hidden;
    }

    private sealed class SetComparer : IEqualityComparer<IReadOnlySet<string>>
    {
        public static SetComparer Instance { get; } = new();

        public bool Equals(IReadOnlySet<string>? x, IReadOnlySet<string>? y) =>
            x is not null && y is not null && x.SetEquals(y);

        public int GetHashCode(IReadOnlySet<string> obj) => obj.Count;
    }
}
