using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>One data row of an uploaded table: its line (as a spreadsheet shows it, header = 1) and its cells by lower-case column name.</summary>
public sealed record TableRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string Get(string column) => Cells.TryGetValue(column, out var v) ? v.Trim() : string.Empty;
}

/// <summary>A table read from a CSV (UTF-8, header row) or XLSX file (first sheet, header row), the two import formats of DESIGN §7.</summary>
public sealed record Table(string FileName, IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows)
{
    public const int MaxRows = 2_000_000;

    public static Table Read(string fileName, Stream content)
    {
        return fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(fileName, content) : ReadCsv(fileName, content);
    }

    private static Table ReadCsv(string fileName, Stream content)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false };
        using var csv = new CsvParser(reader, config);
        string[]? header = null;
        var rows = new List<TableRow>();
        while (csv.Read())
        {
            var record = csv.Record ?? [];
            if (header is null)
            {
                header = record.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count >= MaxRows)
            {
                throw new InvalidDataException("too many rows");
            }

            rows.Add(new TableRow(csv.Row, ToCells(header, record)));
        }

        return new Table(fileName, header ?? [], rows);
    }

    private static Table ReadXlsx(string fileName, Stream content)
    {
        // OpenXml needs a seekable stream; uploads and files are copied into memory (bounded by the upload limit).
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        using var document = SpreadsheetDocument.Open(buffer, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
        var worksheet = (WorksheetPart)workbook.GetPartById(firstSheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        string[]? header = null;
        var rows = new List<TableRow>();
        foreach (var row in worksheet.Worksheet.Descendants<Row>())
        {
            var line = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2));
            var values = new SortedDictionary<int, string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? values.Count;
                values[column] = CellText(cell, shared);
            }

            var record = values.Count == 0 ? [] : Enumerable.Range(0, values.Keys.Max() + 1).Select(i => values.GetValueOrDefault(i, string.Empty)).ToArray();
            if (header is null)
            {
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                header = record.Select(h => h.Trim().ToLowerInvariant()).ToArray();
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(new TableRow(line, ToCells(header, record)));
        }

        return new Table(fileName, header ?? [], rows);
    }

    private static Dictionary<string, string> ToCells(string[] header, string[] record)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length > 0)
            {
                cells[header[i]] = i < record.Length ? record[i] : string.Empty;
            }
        }

        return cells;
    }

    private static string CellText(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index) && index < shared.Length)
        {
            return shared[index];
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return cell.CellValue?.Text == "1" ? "true" : "false";
        }

        return cell.CellValue?.Text ?? string.Empty;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
