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
}
