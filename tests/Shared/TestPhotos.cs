using System.Text;
using SkiaSharp;

namespace LiaisonStations.Tests.Shared;

/// <summary>Photos as a phone sends them: a JPEG with EXIF, a GPS position and a description in it.</summary>
public static class TestPhotos
{
    /// <summary>Text put into the EXIF description; a re-encoded photo must not contain it.</summary>
    public const string SecretDescription = "GPS 45.7581N 126.6346E HOME-OF-ZHANG";

    public static byte[] JpegWithGps(int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var tiff = Tiff();
        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)(length & 0xFF));
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    public static byte[] Png(int width = 40, int height = 30)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Orange);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    public static bool HasExif(byte[] jpeg) => IndexOf(jpeg, "Exif\0\0"u8.ToArray()) >= 0;

    public static bool Contains(byte[] bytes, string text) => IndexOf(bytes, Encoding.ASCII.GetBytes(text)) >= 0;

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    // A little-endian TIFF block: IFD0 with ImageDescription and a GPS IFD pointer; the GPS IFD with latitude N 45°45'29.16".
    private static byte[] Tiff()
    {
        var description = Encoding.ASCII.GetBytes(SecretDescription + "\0");
        var ifd0 = 8;
        var descriptionAt = ifd0 + 2 + (2 * 12) + 4;
        var gpsAt = descriptionAt + description.Length + (description.Length % 2);
        var rationalsAt = gpsAt + 2 + (2 * 12) + 4;
        var b = new List<byte>();
        void U16(int v) => b.AddRange(BitConverter.GetBytes((ushort)v));
        void U32(int v) => b.AddRange(BitConverter.GetBytes((uint)v));
        b.AddRange("II"u8.ToArray());
        U16(42);
        U32(ifd0);
        U16(2);
        U16(0x010E); U16(2); U32(description.Length); U32(descriptionAt);
        U16(0x8825); U16(4); U32(1); U32(gpsAt);
        U32(0);
        b.AddRange(description);
        if (description.Length % 2 == 1)
        {
            b.Add(0);
        }

        U16(2);
        U16(0x0001); U16(2); U32(2); b.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002); U16(5); U32(3); U32(rationalsAt);
        U32(0);
        U32(45); U32(1); U32(45); U32(1); U32(2916); U32(100);
        return [.. b];
    }
}
