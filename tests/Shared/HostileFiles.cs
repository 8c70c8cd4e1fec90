using System.IO.Compression;
using System.Text;

namespace LiaisonStations.Tests.Shared;

/// <summary>Spreadsheets an attacker might upload: any sheet XML wrapped in a real XLSX package, and zip bombs.</summary>
public static class HostileFiles
{
    /// <summary>A minimal, valid XLSX package whose first sheet is <paramref name="sheetData"/> (the rows inside &lt;sheetData&gt;).</summary>
    public static byte[] Xlsx(string sheetData) => Package(entry => entry == "xl/worksheets/sheet1.xml"
        ? Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheetData}</sheetData></worksheet>""")
        : null);

    /// <summary>A row of inline-string cells at the given references.</summary>
    public static string Row(int line, params (string Reference, string Text)[] cells) =>
        $"<row r=\"{line}\">" + string.Concat(cells.Select(c => $"<c r=\"{c.Reference}\" t=\"inlineStr\"><is><t>{c.Text}</t></is></c>")) + "</row>";

    /// <summary>
    /// An XLSX whose sheet inflates to <paramref name="inflatedBytes"/> of blanks inside the sheet's XML (a
    /// zip bomb: kilobytes on the wire). With <paramref name="lie"/> its directory claims the sheet is tiny,
    /// so only the inflating itself can notice.
    /// </summary>
    public static byte[] Bomb(long inflatedBytes, bool lie = false)
    {
        var bytes = Package(_ => null, bomb: inflatedBytes);
        if (lie)
        {
            // Local header (uncompressed size at +22) and central directory entry (+24) of the sheet: claim 1,000 bytes.
            Patch(bytes, 0x04034b50, 22, 26, "xl/worksheets/sheet1.xml");
            Patch(bytes, 0x02014b50, 24, 28, "xl/worksheets/sheet1.xml");
        }

        return bytes;
    }

    private static byte[] Package(Func<string, byte[]?> sheet, long bomb = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text) => Write(zip, name, Encoding.UTF8.GetBytes(text));
            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            if (bomb > 0)
            {
                var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""));
                var blanks = new byte[1 << 20];
                Array.Fill(blanks, (byte)' ');
                for (long written = 0; written < bomb; written += blanks.Length)
                {
                    stream.Write(blanks);
                }

                stream.Write(Encoding.UTF8.GetBytes("</sheetData></worksheet>"));
            }
            else
            {
                Write(zip, "xl/worksheets/sheet1.xml", sheet("xl/worksheets/sheet1.xml")!);
            }
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static void Patch(byte[] bytes, uint signature, int sizeOffset, int nameLengthOffset, string name)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (BitConverter.ToUInt32(bytes, i) != signature)
            {
                continue;
            }

            var nameLength = BitConverter.ToUInt16(bytes, i + nameLengthOffset);
            var nameStart = i + (signature == 0x04034b50 ? 30 : 46);
            if (nameLength == nameBytes.Length && bytes.AsSpan(nameStart, nameLength).SequenceEqual(nameBytes))
            {
                BitConverter.GetBytes(1000u).CopyTo(bytes, i + sizeOffset);
            }
        }
    }
}
