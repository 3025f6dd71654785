using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Validation;

/// <summary>Builds the checks of one field that read the directory or the record store.</summary>
internal static class AsyncFieldChecks
{
    public static IReadOnlyList<AsyncFieldCheck> For(
        FormDefinition form, FieldDefinition field, bool inSubTable, FormValidationServices services,
        FormMessages messages)
    {
        var label = field.Label.Get(messages.Culture.Name);
        var checks = new List<AsyncFieldCheck>();
        // Sub-table columns are checked per table by SubTableUniqueness, not per row.
        if (field.Unique && !inSubTable)
        {
            var records = Require(services.Records, form, field, "a record store (unique values)");
            checks.Add(new("unique", (value, scope, token) => CheckUniqueAsync(form, field, label, records, value,
                scope, messages, token)));
        }

        // Only writes that keep given serial numbers run this check, and they always have a record store, so a
        // validator built without one (a form preview in the browser) leaves it out.
        if (field.Type == FieldTypes.Serial && !inSubTable && services.Records is { } serialRecords &&
            ParsePattern(field.SerialPattern) is { } pattern)
        {
            checks.Add(new("serial", (value, scope, token) => CheckGivenSerialAsync(form, field, label, pattern,
                serialRecords, value, scope, messages, token)));
        }

        if (field.Type is FieldTypes.Member or FieldTypes.Department)
        {
            var directory = Require(services.Directory, form, field, "an organisation directory");
            checks.Add(new("exists", async (value, _, token) =>
            {
                foreach (var id in Ids(value))
                {
                    var found = field.Type == FieldTypes.Member
                        ? await directory.FindUserAsync(id, token).ConfigureAwait(false) is not null
                        : await directory.FindDepartmentAsync(id, token).ConfigureAwait(false) is not null;
                    if (!found)
                    {
                        var displayed = FieldValues.Display(JsonValue.Create(id), messages.Culture);
                        return field.Type == FieldTypes.Member
                            ? messages.UnknownMember(label, displayed)
                            : messages.UnknownDepartment(label, displayed);
                    }
                }

                return null;
            }));
        }

        if (FieldTypes.Files.Contains(field.Type) && services.Files is { } files)
        {
            checks.Add(new("file", (value, scope, token) => CheckFilesAsync(
                field, label, files, services.FilesOfAnyUploader, services.FileReadAccess, value, scope, messages, token)));
        }

        if (field.Type == FieldTypes.Related && field.RelatedForm is { } relatedForm)
        {
            var records = Require(services.Records, form, field, "a record store (related records)");
            checks.Add(new("related", async (value, scope, token) =>
            {
                foreach (var id in RecordIds(value))
                {
                    var visible = services.Reader is not null && scope.Root.UserId is { } user
                        ? await services.Reader.GetAsync(user, relatedForm, id, token).ConfigureAwait(false) is not null
                        : await records.GetAsync(relatedForm, id, scope.Root.Transaction, token).ConfigureAwait(false)
                            is { Deleted: false };
                    if (!visible)
                    {
                        return messages.UnknownRecord(label, id.ToString(messages.Culture), relatedForm);
                    }
                }

                return null;
            }));
        }

        if (field.Lookup is { } lookup)
        {
            var records = Require(services.Records, form, field, "a record store (record lookups)");
            checks.Add(new("lookup", (value, scope, token) => CheckLookupAsync(
                lookup, label, records, services.Reader, value, scope, messages, token)));
        }

        if (field.LookupRange is { } range)
        {
            var records = Require(services.Records, form, field, "a record store (lookup ranges)");
            var format = field.Scale is { } scale ? "F" + scale.ToString(CultureInfo.InvariantCulture) : "G";
            checks.Add(new("lookupRange", (value, scope, token) => CheckRangeAsync(
                range, label, format, records, services, value, scope, messages, token)));
        }

        if (field.Linkage is { } linkage)
        {
            var linkageService = new OptionLinkageService(services.Records, services.Reader);
            var sourceLabel = (form.Fields.Concat(form.Fields.SelectMany(f => f.Fields ?? []))
                .FirstOrDefault(f => f.Id == linkage.SourceField)?.Label.Get(messages.Culture.Name))
                    ?? linkage.SourceField;
            checks.Add(new("linkage", async (value, scope, token) =>
            {
                if (FieldValues.IsEmpty(value))
                {
                    return null;
                }

                var options = await linkageService.GetOptionsAsync(field, scope.Data, scope.Root.UserId, token)
                    .ConfigureAwait(false);
                var allowed = new HashSet<string>(options.Select(option => option.Value), StringComparer.Ordinal);
                foreach (var item in value is JsonArray items ? items.ToList() : [value])
                {
                    var text = FieldValues.TryGetString(item, out var s) ? s : item?.ToJsonString() ?? string.Empty;
                    if (!allowed.Contains(text))
                    {
                        return messages.NotAllowedByLinkage(
                            label, FieldValues.Display(item, messages.Culture), sourceLabel,
                            FieldValues.Display(scope.Data[linkage.SourceField], messages.Culture));
                    }
                }

                return null;
            }));
        }

        return checks;
    }

    /// <summary>
    /// Checks that each file reference names a stored file, as it was uploaded, that the submitting user uploaded or,
    /// with <paramref name="readAccess"/>, may read (any uploader with <paramref name="anyUploader"/>), and that the
    /// file meets this field's limits. A file that the data already held before a change is reported in the data
    /// before the change too, so task and record changes that keep it pass (<see cref="CausedProblems"/>).
    /// </summary>
    private static async Task<string?> CheckFilesAsync(
        FieldDefinition field, string label, Files.IFileStore files, bool anyUploader, Files.IFileReadAccess? readAccess,
        JsonNode? value, FieldScope scope, FormMessages messages, CancellationToken cancellationToken)
    {
        foreach (var reference in Files.FileReference.ListIn(value))
        {
            var stored = await files.FindAsync(reference.Id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return messages.UnknownFile(label, FieldValues.Display(JsonValue.Create(reference.Id), messages.Culture));
            }

            var shownName = FieldValues.Display(JsonValue.Create(stored.Name), messages.Culture);
            var own = anyUploader || string.Equals(stored.UploadedBy, scope.Root.UserId, StringComparison.Ordinal);
            if (!own && (readAccess is null || scope.Root.UserId is not { } userId
                || !await readAccess.MayReadAsync(userId, stored.Id, cancellationToken).ConfigureAwait(false)))
            {
                return readAccess is null
                    ? messages.FileNotUploadedByUser(label, shownName)
                    : messages.FileNotReadable(label, shownName);
            }

            // A reference without size or content type takes the stored ones; what it states must match.
            var changed = reference.Name != stored.Name
                || (reference.Size != 0 && reference.Size != stored.Size)
                || (reference.ContentType.Length != 0 && reference.ContentType != stored.ContentType);
            if (changed)
            {
                return messages.FileReferenceChanged(label, shownName);
            }

            // The upload was checked against the field it was posted for, which need not be this one, so its type,
            // accept list, maxSize and image content are checked again against this field.
            var content = await files.ReadContentAsync(stored.Id, cancellationToken).ConfigureAwait(false) ?? [];
            var header = content.AsSpan(0, Math.Min(content.Length, Files.ImageFormats.HeaderLength));
            var verdict = Files.FileUploadCheck.Check(field, stored.Name, stored.Size, header, messages);
            if (!verdict.IsAccepted)
            {
                return verdict.Error;
            }
        }

        return null;
    }

    private static async Task<string?> CheckUniqueAsync(
        FormDefinition form, FieldDefinition field, string label, IRecordStore records, JsonNode? value,
        FieldScope scope, FormMessages messages, CancellationToken cancellationToken)
    {
        if (FieldValues.IsEmpty(value) || value is not JsonValue || !scope.Root.ChecksUniqueness)
        {
            return null;
        }

        var query = new RecordQuery(form.Key)
        {
            Filter = Condition.AllOf(new Rule
            {
                Field = field.Id, Operator = RuleOperators.Equal, Value = value.DeepClone(),
            }),
            Where = scope.Root.RecordId is { } self
                ? RecordFilter.Compare(RecordSystemFields.Id, RuleOperators.NotEqual, self)
                : null,
            Limit = 1,
            CountTotal = false,
        };
        var page = await records.QueryAsync(query, scope.Root.Transaction, cancellationToken).ConfigureAwait(false);
        return page.Items.Count == 0 ? null : messages.NotUnique(label, FieldValues.Display(value, messages.Culture));
    }

    /// <summary>
    /// Checks that a record of the lookup form has the value, read through the submitting user's permissions when a
    /// reader and a user are set, and through the store otherwise (such as an engine without a RecordAccess).
    /// </summary>
    private static async Task<string?> CheckLookupAsync(
        RecordLookup lookup, string label, IRecordStore records, Permissions.RecordReader? reader,
        JsonNode? value, FieldScope scope, FormMessages messages, CancellationToken cancellationToken)
    {
        if (FieldValues.IsEmpty(value) || value is not JsonValue)
        {
            return null;
        }

        var query = new RecordQuery(lookup.Form)
        {
            Filter = Condition.AllOf(new Rule
            {
                Field = lookup.ValueField, Operator = RuleOperators.Equal, Value = value.DeepClone(),
            }),
            Limit = 1,
            CountTotal = false,
        };
        var page = reader is not null && scope.Root.UserId is { } user
            ? await reader.ListAsync(user, query, cancellationToken).ConfigureAwait(false)
            : await records.QueryAsync(query, scope.Root.Transaction, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0
            ? null
            : messages.NoLookupRecord(label, FieldValues.Display(value, messages.Culture), lookup.Form,
                lookup.ValueField);
    }

    /// <summary>
    /// Checks a number against a percentage range of a value in the matching record of another form. A match field
    /// that is still empty skips the check, because the server may fill it (a record value) before it validates.
    /// </summary>
    private static async Task<string?> CheckRangeAsync(
        LookupRange range, string label, string format, IRecordStore records, FormValidationServices services,
        JsonNode? value, FieldScope scope, FormMessages messages, CancellationToken cancellationToken)
    {
        if (!FieldValues.TryGetDecimal(value, out var number))
        {
            return null;
        }

        // Inside a sub-table a name is a column of the row first, then a top-level field, as in row rules.
        var match = range.Match.ToDictionary(
            pair => pair.Key,
            pair => scope.Data.TryGetPropertyValue(pair.Value, out var own) ? own : scope.Root.Data[pair.Value],
            StringComparer.Ordinal);
        if (match.Values.Any(FieldValues.IsEmpty))
        {
            return null;
        }

        // A document date that is not a date is reported by that field's own check.
        ValidOn? validOn = null;
        if (range.Validity is { } validity)
        {
            validOn = ValidOn.Resolve(
                validity, scope.Data, scope.Root.Data, services.TodayFor(scope.Root), services.Zone);
            if (validOn is null)
            {
                return null;
            }
        }

        var rowName = scope.RowIndex is { } index ? messages.RowName(index) : string.Empty;
        var record = await RecordMatch.FindAsync(
            range.Form, match, validOn, scope.Root.UserId, services.Reader, records, scope.Root.Transaction,
            cancellationToken).ConfigureAwait(false);
        if (record is null || !FieldValues.TryGetDecimal(record.Data[range.ValueField], out var reference))
        {
            var criteria = string.Join(", ", match.Select(pair =>
                $"{pair.Key} = {FieldValues.Display(pair.Value, messages.Culture)}"));
            return validOn is null
                ? messages.NoRangeRecord(label, rowName, range.Form, criteria)
                : messages.NoValidRangeRecord(label, rowName, range.Form, criteria, validOn.DateText);
        }

        var shown = FieldValues.Display(value, messages.Culture);
        var referenceName = $"{range.ValueField} {reference.ToString(format, messages.Culture)}";
        if (range.MinPercent is { } minPercent && number < Bound(reference, minPercent))
        {
            var minimum = Bound(reference, minPercent).ToString(format, messages.Culture);
            return messages.BelowRange(label, rowName, shown, minimum, minPercent.ToString(messages.Culture),
                range.Form, referenceName);
        }

        if (range.MaxPercent is { } maxPercent && number > Bound(reference, maxPercent))
        {
            var maximum = Bound(reference, maxPercent).ToString(format, messages.Culture);
            return messages.AboveRange(label, rowName, shown, maximum, maxPercent.ToString(messages.Culture),
                range.Form, referenceName);
        }

        return null;
    }

    /// <summary>The bound in the reference's unit, rounded to cents away from zero as money is.</summary>
    private static decimal Bound(decimal reference, decimal percent) =>
        Math.Round(reference * percent / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Checks a serial number that a create keeps (<see cref="FormSubmission.KeepsGivenSerials"/>). It must fit the
    /// pattern, and no record may have it, deleted ones included, because the store's unique index covers them too.
    /// </summary>
    private static async Task<string?> CheckGivenSerialAsync(
        FormDefinition form, FieldDefinition field, string label, SerialNumberPattern pattern, IRecordStore records,
        JsonNode? value, FieldScope scope, FormMessages messages, CancellationToken cancellationToken)
    {
        if (!scope.Root.KeepsGivenSerials || FieldValues.IsEmpty(value))
        {
            return null;
        }

        var displayed = FieldValues.Display(value, messages.Culture);
        if (!FieldValues.TryGetString(value, out var text) || !pattern.TryRead(text, out _, out _))
        {
            var example = pattern.Format(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Unspecified), 1);
            return messages.SerialNotInPattern(label, displayed, pattern.Pattern, example);
        }

        var query = new RecordQuery(form.Key)
        {
            Filter = Condition.AllOf(new Rule { Field = field.Id, Operator = RuleOperators.Equal, Value = text }),
            IncludeDeleted = true,
            Limit = 1,
            CountTotal = false,
        };
        var page = await records.QueryAsync(query, scope.Root.Transaction, cancellationToken).ConfigureAwait(false);
        return page.Items.Count == 0 ? null : messages.SerialTaken(label, displayed);
    }

    /// <summary>Parses a serial pattern; null for a missing or invalid one, which the definition validator reports.</summary>
    private static SerialNumberPattern? ParsePattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }

        try
        {
            return SerialNumberPattern.Parse(pattern);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Ids(JsonNode? value) => value switch
    {
        JsonArray items => items.Select(item => FieldValues.TryGetString(item, out var id) ? id
            : null).OfType<string>(),
        _ when FieldValues.TryGetString(value, out var id) && id.Length > 0 => [id],
        _ => [],
    };

    private static IEnumerable<long> RecordIds(JsonNode? value)
    {
        var items = value is JsonArray array ? array.ToList() : [value];
        foreach (var item in items)
        {
            if (FieldValues.TryGetDecimal(item, out var id) && id == decimal.Truncate(id)
                && id is > 0 and <= long.MaxValue)
            {
                yield return (long)id;
            }
        }
    }

    private static T Require<T>(T? service, FormDefinition form, FieldDefinition field, string what)
        where T : class =>
        service ?? throw new InvalidOperationException(
            $"Field '{field.Id}' of form '{form.Key}' needs {what} to be validated; set it in FormValidationServices.");
}
