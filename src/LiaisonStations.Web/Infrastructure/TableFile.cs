using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>One data row of an uploaded table: its line (as a spreadsheet shows it, header = 1) and its cells by lower-case column name.</summary>
public sealed record TableRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string Get(string column) => Cells.TryGetValue(column, out var v) ? v.Trim() : string.Empty;
}

/// <summary>
/// Why a file cannot be read as a table, where (line and column as a spreadsheet shows them) and in words
/// (a resource key and its arguments, so each caller says it in the user's language).
/// </summary>
public sealed class TableFormatException(int line, string column, string reasonKey, params object[] arguments)
    : Exception($"{reasonKey} at line {line}, column {column}")
{
    public int Line { get; } = line;

    public string Column { get; } = column;

    public string ReasonKey { get; } = reasonKey;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>
/// A table read from a CSV (UTF-8, header row) or XLSX file (first sheet, header row), the two import formats
/// of DESIGN §7. Hostile files are refused before they cost memory or time: at most 200,000 rows and 64
/// columns, and an XLSX whose parts would inflate beyond <see cref="MaxPartBytes"/> (a zip bomb) is refused
/// from its directory before anything is inflated; the sheet is read row by row, never as a whole document.
/// </summary>
public sealed record Table(string FileName, IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows)
{
    public const int MaxRows = 200_000;

    public const int MaxColumns = 64;

    /// <summary>Inflated size of one part of an XLSX package (a sheet of 200,000 rows × 64 columns of short codes stays well below).</summary>
    public const long MaxPartBytes = 128L * 1024 * 1024;

    /// <summary>Inflated size of a whole XLSX package.</summary>
    public const long MaxPackageBytes = 256L * 1024 * 1024;

    /// <summary>Reads the table; any file that is not a readable table throws <see cref="TableFormatException"/>.</summary>
    public static Table Read(string fileName, Stream content)
    {
        try
        {
            return fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(fileName, content) : ReadCsv(fileName, content);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or CsvHelperException or OpenXmlPackageException or FormatException or InvalidOperationException or System.Xml.XmlException or ArgumentException)
        {
            throw new TableFormatException(1, "-", "Import.Unreadable", fileName);
        }
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
                header = Header(record.Select(h => h.TrimStart('\uFEFF')).ToArray());
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            EnsureWithinColumns(record, csv.Row);
            AddRow(rows, csv.Row, header, record);
        }

        return new Table(fileName, header ?? [], rows);
    }

    private static Table ReadXlsx(string fileName, Stream content)
    {
        // The package needs a seekable stream; uploads are at most 20 MB (UploadLimits), files from disk are read as they are.
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        RefuseBombs(buffer);
        buffer.Position = 0;
        using var document = SpreadsheetDocument.Open(buffer, false, new OpenSettings { MaxCharactersInPart = MaxPartBytes });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
        var worksheet = (WorksheetPart)workbook.GetPartById(firstSheet.Id!);
        var shared = SharedStrings(workbook);
        var dateStyles = DateStyles(workbook);
        string[]? header = null;
        var rows = new List<TableRow>();
        var fallbackLine = 0;
        using var reader = OpenXmlReader.Create(worksheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var line = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : fallbackLine + 1;
            fallbackLine = line;
            var values = new SortedDictionary<int, string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var text = CellText(cell, shared, dateStyles);
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference, line) : values.Count;
                if (column >= MaxColumns)
                {
                    if (text.Length == 0)
                    {
                        // A formatted but empty cell far to the right carries nothing.
                        continue;
                    }

                    throw new TableFormatException(line, cell.CellReference?.Value ?? ColumnName(column), "Import.TooManyColumns", MaxColumns);
                }

                values[column] = text;
            }

            var record = values.Count == 0 ? [] : Enumerable.Range(0, values.Keys.Max() + 1).Select(i => values.GetValueOrDefault(i, string.Empty)).ToArray();
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                header = Header(record);
                continue;
            }

            AddRow(rows, line, header, record);
        }

        return new Table(fileName, header ?? [], rows);
    }

    /// <summary>
    /// A zip bomb is refused by the sizes its directory declares, before anything is inflated; a part that
    /// inflates beyond what it declares is stopped by the zip reader itself (InvalidDataException).
    /// </summary>
    private static void RefuseBombs(MemoryStream buffer)
    {
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.Length > MaxPartBytes || total > MaxPackageBytes)
            {
                throw new TableFormatException(1, "-", "Import.XlsxTooLarge", MaxPartBytes / (1024 * 1024));
            }
        }
    }

    private static string[] SharedStrings(WorkbookPart workbook)
    {
        if (workbook.SharedStringTablePart is not { } part)
        {
            return [];
        }

        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return [.. strings];
    }

    private static string[] Header(string[] record)
    {
        EnsureWithinColumns(record, 1);
        return record.Take(MaxColumns).Select(h => h.Trim().ToLowerInvariant()).ToArray();
    }

    /// <summary>A value beyond the 64th column is a line error; empty trailing fields (a trailing comma) are not.</summary>
    private static void EnsureWithinColumns(string[] record, int line)
    {
        if (record.Length > MaxColumns && record.Skip(MaxColumns).Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            throw new TableFormatException(line, ColumnName(MaxColumns), "Import.TooManyColumns", MaxColumns);
        }
    }

    private static void AddRow(List<TableRow> rows, int line, string[] header, string[] record)
    {
        if (rows.Count >= MaxRows)
        {
            throw new TableFormatException(line, "-", "Import.TooManyRows", MaxRows);
        }

        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length > 0)
            {
                cells[header[i]] = i < record.Length ? record[i] : string.Empty;
            }
        }

        rows.Add(new TableRow(line, cells));
    }

    /// <summary>
    /// The cell styles that show a number as a date (Excel's built-in date formats, or a custom one made of d, m, y):
    /// a date typed into Excel is stored as a day number, and is read back here as yyyy-MM-dd.
    /// </summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var styles = new HashSet<uint>();
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats)
        {
            return styles;
        }

        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? string.Empty) ?? [];
        uint index = 0;
        foreach (var format in formats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            var isDate = id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58
                || (custom.TryGetValue(id, out var code) && IsDateFormat(code));
            if (isDate)
            {
                styles.Add(index);
            }

            index++;
        }

        return styles;
    }

    private static bool IsDateFormat(string code)
    {
        // Quoted text and [colour]/[locale] parts say nothing about dates.
        var bare = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", string.Empty).ToLowerInvariant();
        return bare.Contains('y', StringComparison.Ordinal) || bare.Contains('d', StringComparison.Ordinal);
    }

    private static string CellText(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        if ((cell.DataType is null || cell.DataType.Value == CellValues.Number)
            && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(cell.CellValue?.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var serial)
            && serial is > 0 and < 2958466)
        {
            var date = DateTime.FromOADate(serial);
            return date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index) && index >= 0 && index < shared.Length)
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

    /// <summary>
    /// The zero-based column of a cell reference such as "C12": one to three letters (Excel's last column is
    /// XFD) followed by a row number Excel can have. Anything else ("EZZZZZ1", letters that overflow) is a
    /// line error rather than a wrong guess.
    /// </summary>
    internal static int ColumnIndex(string reference, int line)
    {
        var letters = 0;
        var index = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters]))
        {
            if (letters == 3)
            {
                throw new TableFormatException(line, Shorten(reference), "Import.BadCellReference", Shorten(reference));
            }

            index = (index * 26) + (char.ToUpperInvariant(reference[letters]) - 'A' + 1);
            letters++;
        }

        var digits = reference.AsSpan(letters);
        if (letters == 0 || index > 16384 || digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var rowNumber) || rowNumber is < 1 or > 1_048_576)
        {
            throw new TableFormatException(line, Shorten(reference), "Import.BadCellReference", Shorten(reference));
        }

        return index - 1;
    }

    /// <summary>The spreadsheet name of a zero-based column (0 → A, 64 → BM).</summary>
    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
