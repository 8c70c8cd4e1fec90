using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>
/// Writes a real XLSX workbook with one sheet: a title line (what and for which period/area), a bold
/// header row and the data. Numbers stay numbers so totals can be added up in Excel/WPS; dates are written
/// as yyyy-MM-dd text, the form clerks type.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(string sheetName, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write([new XlsxSheet(sheetName, title, headers, rows)]);

    /// <summary>A workbook of several sheets, each with its own title line and header row.</summary>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(sheetPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new Columns());
                    for (var i = 0; i < sheet.Headers.Count; i++)
                    {
                        writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = i == 0 ? 24 : 14, CustomWidth = true });
                    }

                    writer.WriteEndElement();
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, [sheet.Title], styleIndex: 2);
                    WriteRow(writer, sheet.Headers.Cast<object?>().ToList(), styleIndex: 1);
                    foreach (var row in sheet.Rows)
                    {
                        WriteRow(writer, row, styleIndex: 0);
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                // Sheet names must be unique in a workbook.
                var name = SafeSheetName(sheet.Name);
                for (var n = 2; !names.Add(name); n++)
                {
                    name = SafeSheetName($"{sheet.Name} {n}");
                }

                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = id++, Name = name });
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Content-Disposition with a UTF-8 file name, so Chinese names survive every browser.</summary>
    public static string Disposition(string fileName) =>
        $"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values, uint styleIndex)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            var cell = value switch
            {
                null => new Cell(),
                int or long or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!) },
                // Real dates (a serial number with a date format), so Excel and WPS sort, filter and compute with them.
                DateOnly d => new Cell { CellValue = new CellValue(Serial(d.ToDateTime(TimeOnly.MinValue))), StyleIndex = DateStyle },
                DateTimeOffset t => new Cell { CellValue = new CellValue(Serial(t.ToOffset(TimeSpan.FromHours(8)).DateTime)), StyleIndex = DateTimeStyle },
                bool b => Text(b ? "✓" : string.Empty),
                _ => Text(Clean(value.ToString())),
            };
            if (styleIndex != 0)
            {
                cell.StyleIndex = styleIndex;
            }

            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private const uint DateStyle = 3;

    private const uint DateTimeStyle = 4;

    private static string Serial(DateTime value) => value.ToOADate().ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture);

    private static Cell Text(string? text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text ?? string.Empty) { Space = SpaceProcessingModeValues.Preserve }) };

    /// <summary>
    /// Text that starts with = + - @, a TAB or a carriage return would be taken as a formula by Excel or WPS
    /// (CSV/XLSX injection, OWASP): it is written with a leading apostrophe. XML-invalid control characters are dropped.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cleaned = new string(text.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)).ToArray());
        return cleaned.Length > 0 && cleaned[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cleaned : cleaned;
    }

    private static string SafeSheetName(string name)
    {
        var invalid = new[] { ':', '\\', '/', '?', '*', '[', ']' };
        var cleaned = new string(name.Where(c => !invalid.Contains(c)).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned.Length == 0 ? "Sheet1" : cleaned;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 2 },
        new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 13 })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat { FontId = 0 },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { FontId = 0, NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 0, NumberFormatId = 165, ApplyNumberFormat = true }));
}

/// <summary>One sheet of a workbook: its tab name, the title line (what, where, which period), headers and rows.</summary>
public sealed record XlsxSheet(string Name, string Title, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);
