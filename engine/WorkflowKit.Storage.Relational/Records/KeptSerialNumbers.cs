using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Records;

namespace WorkflowKit.Storage.Relational.Records;

/// <summary>
/// Serial numbers that a create keeps from its data instead of drawing the next one, as record imports do
/// (<see cref="RecordWriteContext.KeepGivenSerials"/>). Both record stores share these checks and pass in their
/// own SQL for the counter update.
/// </summary>
public static class KeptSerialNumbers
{
    /// <summary>Returns the serial number in a field's value, or null for a missing, non-text or blank value.</summary>
    public static string? Read(JsonNode? value) =>
        value is JsonValue json && json.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    /// <summary>
    /// Keeps a given serial number and moves the counter of its period up to it, so that the store never hands it
    /// out again. The caller checks that no record has the number, and the unique index on serial_number backs that up.
    /// </summary>
    /// <param name="connection">Connection of the write transaction.</param>
    /// <param name="transaction">The write transaction that creates the record.</param>
    /// <param name="raiseCounterSql">
    /// The provider's upsert into record_serials for @Form, @Field and @Period that sets last_value to the larger
    /// of the stored value and @Last.
    /// </param>
    /// <param name="formKey">Key of the record's form.</param>
    /// <param name="fieldId">Id of the serial number field.</param>
    /// <param name="pattern">Pattern of that field.</param>
    /// <param name="given">The serial number that <see cref="Read"/> found in the record's data.</param>
    /// <returns><paramref name="given"/>, to store as the field's value.</returns>
    /// <exception cref="ArgumentException">The number does not fit the field's pattern.</exception>
    public static async Task<string> KeepAsync(
        DbConnection connection, DbTransaction transaction, string raiseCounterSql, string formKey, string fieldId,
        SerialNumberPattern pattern, string given)
    {
        if (!pattern.TryRead(given, out var period, out var sequence))
        {
            throw new ArgumentException(
                $"Serial number '{given}' of field '{fieldId}' does not fit the pattern '{pattern.Pattern}' of form " +
                $"'{formKey}'; give a number in that pattern or leave the field empty.", nameof(given));
        }

        var parameters = new { Form = formKey, Field = fieldId, Period = period, Last = sequence };
        await connection.ExecuteAsync(raiseCounterSql, parameters, transaction).ConfigureAwait(false);
        return given;
    }
}
