namespace WorkflowKit.Import;

/// <summary>
/// A cell of an .xlsx file that has a formula but no saved result. Excel saves each formula's last result next to
/// it, but libraries and scripts that write workbooks without calculating them leave the result out, so the
/// cell reads as empty. <see cref="ExcelImportSource"/> returns this value for such a
/// cell, so the import reports the formula instead of calling a required cell empty.
/// </summary>
/// <param name="Formula">The formula without its leading <c>=</c>; empty for a cell that shares another cell's
/// formula.</param>
public sealed record ExcelFormulaWithoutValue(string Formula)
{
    public override string ToString() => Formula.Length == 0 ? "=" : "=" + Formula;
}
