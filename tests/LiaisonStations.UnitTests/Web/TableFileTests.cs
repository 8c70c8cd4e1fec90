using System.Diagnostics;
using System.Text;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure;

namespace LiaisonStations.UnitTests.Web;

/// <summary>Uploaded tables cannot exhaust the server: bombs, overflowing references, too many rows or columns are line errors.</summary>
public sealed class TableFileTests
{
    private static TableFormatException Refused(string fileName, byte[] bytes) =>
        Assert.Throws<TableFormatException>(() => Table.Read(fileName, new MemoryStream(bytes)));

    [Fact]
    public void A_well_formed_sheet_is_read_with_its_lines()
    {
        var table = Table.Read("areas.xlsx", new MemoryStream(HostileFiles.Xlsx(
            HostileFiles.Row(1, ("A1", "code"), ("B1", "name")) + HostileFiles.Row(3, ("A3", "230103"), ("C3", "ignored"), ("B3", "南岗区")))));

        Assert.Equal(["code", "name"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal(3, row.Line);
        Assert.Equal("南岗区", row.Get("name"));
    }

    [Theory]
    [InlineData("EZZZZZ1")]
    [InlineData("ZZZZZZZZZZZZZZZZ1")]
    [InlineData("A99999999999999999999")]
    [InlineData("1A")]
    [InlineData("XFE1")]
    public void A_cell_reference_that_is_not_one_or_overflows_is_a_line_error(string reference)
    {
        var bytes = HostileFiles.Xlsx(HostileFiles.Row(1, ("A1", "code")) + $"<row r=\"2\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>x</t></is></c></row>");

        var e = Refused("areas.xlsx", bytes);

        Assert.Equal("Import.BadCellReference", e.ReasonKey);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_value_beyond_the_sixty_fourth_column_is_a_line_error_but_an_empty_formatted_cell_is_not()
    {
        Assert.Single(Table.Read("a.xlsx", new MemoryStream(HostileFiles.Xlsx(HostileFiles.Row(1, ("A1", "code")) + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>1</t></is></c><c r=\"ZZ2\" s=\"1\"/></row>"))).Rows);

        var e = Refused("a.xlsx", HostileFiles.Xlsx(HostileFiles.Row(1, ("A1", "code")) + HostileFiles.Row(2, ("A2", "1"), ("BM2", "65th"))));

        Assert.Equal(("Import.TooManyColumns", 2, "BM2"), (e.ReasonKey, e.Line, e.Column));
        var csv = Refused("a.csv", Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(1, 70).Select(i => "c" + i)) + "\n1\n"));
        Assert.Equal(("Import.TooManyColumns", 1), (csv.ReasonKey, csv.Line));
    }

    [Fact]
    public void More_than_two_hundred_thousand_rows_are_refused_at_the_first_row_too_many()
    {
        var text = new StringBuilder("code,name\n");
        for (var i = 0; i <= Table.MaxRows; i++)
        {
            text.Append(i).Append(",x\n");
        }

        var e = Refused("deputies.csv", Encoding.UTF8.GetBytes(text.ToString()));

        Assert.Equal(("Import.TooManyRows", Table.MaxRows + 2), (e.ReasonKey, e.Line));
    }

    [Fact]
    public void A_zip_bomb_that_declares_a_gigabyte_is_refused_before_anything_is_inflated()
    {
        var bomb = HostileFiles.Bomb(1L << 30);
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"{bomb.Length} bytes");
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();

        var e = Refused("requests.xlsx", bomb);

        Assert.Equal("Import.XlsxTooLarge", e.ReasonKey);
        // Refused from the zip's directory: nothing near the gigabyte was inflated or allocated.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 64L * 1024 * 1024);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "generous bound; the bench measures it");
    }

    [Fact]
    public void A_zip_bomb_that_lies_about_its_size_is_stopped_while_inflating()
    {
        var bomb = HostileFiles.Bomb(256L << 20, lie: true);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var e = Refused("requests.xlsx", bomb);

        Assert.Equal("Import.Unreadable", e.ReasonKey);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 64L * 1024 * 1024);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "'\r=cmd")]
    [InlineData("南岗区", "南岗区")]
    public void Exported_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(string text, string written)
    {
        Assert.Equal(written, Xlsx.Clean(text));
        var csv = Encoding.UTF8.GetString(Csv.Write(["a"], [[text]]));
        Assert.Contains(written.Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);
    }

    /// <summary>Exported dates are real dates (a day number with a date format), and such dates — as Excel stores typed ones — import as yyyy-MM-dd.</summary>
    [Fact]
    public void Dates_are_written_as_spreadsheet_dates_and_read_back_as_iso_dates()
    {
        var bytes = Xlsx.Write("stations", "title", ["code", "opened_on", "at"], [["ST-1", new DateOnly(2019, 3, 1), new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(8))]]);

        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var cells = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Last().Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.Equal("43525", cells[1].CellValue!.Text);             // 2019-03-01 as a day number
            Assert.Null(cells[1].DataType);                               // a number, not text
            var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ElementAt((int)cells[1].StyleIndex!.Value);
            Assert.Equal(164u, format.NumberFormatId!.Value);
        }

        // A sheet as Excel saves typed dates: day numbers in cells whose style has a date format (built-in 14, custom yyyy/m/d).
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var styles = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorkbookStylesPart>();
            styles.Stylesheet = new DocumentFormat.OpenXml.Spreadsheet.Stylesheet(
                new DocumentFormat.OpenXml.Spreadsheet.NumberingFormats(new DocumentFormat.OpenXml.Spreadsheet.NumberingFormat { NumberFormatId = 170, FormatCode = "yyyy/m/d" }),
                new DocumentFormat.OpenXml.Spreadsheet.Fonts(new DocumentFormat.OpenXml.Spreadsheet.Font()),
                new DocumentFormat.OpenXml.Spreadsheet.Fills(new DocumentFormat.OpenXml.Spreadsheet.Fill()),
                new DocumentFormat.OpenXml.Spreadsheet.Borders(new DocumentFormat.OpenXml.Spreadsheet.Border()),
                new DocumentFormat.OpenXml.Spreadsheet.CellFormats(
                    new DocumentFormat.OpenXml.Spreadsheet.CellFormat(),
                    new DocumentFormat.OpenXml.Spreadsheet.CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new DocumentFormat.OpenXml.Spreadsheet.CellFormat { NumberFormatId = 170, ApplyNumberFormat = true }));
            var sheetPart = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            static DocumentFormat.OpenXml.Spreadsheet.Cell Cell(string reference, string value, uint? style = null, bool text = false) => new()
            {
                CellReference = reference,
                DataType = text ? DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString : null,
                InlineString = text ? new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value)) : null,
                CellValue = text ? null : new DocumentFormat.OpenXml.Spreadsheet.CellValue(value),
                StyleIndex = style,
            };
            sheetPart.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(new DocumentFormat.OpenXml.Spreadsheet.SheetData(
                new DocumentFormat.OpenXml.Spreadsheet.Row(Cell("A1", "opened_on", text: true), Cell("B1", "custom", text: true), Cell("C1", "count", text: true)) { RowIndex = 1 },
                new DocumentFormat.OpenXml.Spreadsheet.Row(Cell("A2", "43525", 1), Cell("B2", "46356.5", 2), Cell("C2", "43525")) { RowIndex = 2 }));
            workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "stations" }));
        }

        var row = Assert.Single(Table.Read("stations.xlsx", new MemoryStream(stream.ToArray())).Rows);
        Assert.Equal("2019-03-01", row.Get("opened_on"));
        Assert.Equal("2026-11-30 12:00", row.Get("custom"));
        Assert.Equal("43525", row.Get("count"));                            // a plain number stays a number
    }
}
