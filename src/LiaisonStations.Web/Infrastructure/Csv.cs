using System.Globalization;
using System.Text;
using CsvHelper;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>CSV exports: UTF-8 with a byte-order mark so Excel opens Chinese text correctly, cells cleaned like the XLSX ones.</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in headers)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        null => string.Empty,
                        DateOnly d => Fmt.Date(d),
                        DateTimeOffset t => Fmt.DateTime(t),
                        bool b => b ? "1" : "0",
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => Xlsx.Clean(value.ToString()),
                    });
                }

                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    public static string Disposition(string fileName) =>
        $"attachment; filename=\"export.csv\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
}
