using SkiaSharp;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// Photos citizens attach: only JPEG or PNG up to 5 MB, decoded and drawn again as a new JPEG, so nothing of the
/// original file survives — no EXIF, no GPS position, no camera serial, no hidden payload. The picture is turned
/// upright as the camera recorded it and made no larger than 2,048 px on its long side.
/// </summary>
public static class CitizenPhotos
{
    public const long MaxBytes = 5L * 1024 * 1024;

    public const int MaxSide = 2048;

    /// <summary>Pictures larger than this are refused before decoding (a small file may unpack into gigabytes).</summary>
    private const long MaxPixels = 40_000_000;

    public sealed record Photo(byte[] Content, int Width, int Height)
    {
        public const string ContentType = "image/jpeg";
    }

    /// <summary>Why a file was refused, as a key of the shared resources.</summary>
    public enum Refusal
    {
        None,
        TooLarge,
        NotAPhoto,
    }

    public static async Task<(Photo? Photo, Refusal Refusal)> ReencodeAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > MaxBytes)
        {
            return (null, Refusal.TooLarge);
        }

        if (file.Length == 0)
        {
            return (null, Refusal.NotAPhoto);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return Reencode(buffer.ToArray());
    }

    public static (Photo? Photo, Refusal Refusal) Reencode(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png)
            || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return (null, Refusal.NotAPhoto);
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return (null, Refusal.NotAPhoto);
        }

        var origin = codec.EncodedOrigin;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = swap ? (info.Height, info.Width) : (info.Width, info.Height);
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(uprightWidth, uprightHeight));
        var width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        var height = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;

        // Transparent parts of a PNG become white, as they look on a page.
        canvas.Clear(SKColors.White);
        canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
        ApplyOrigin(canvas, origin, info.Width, info.Height);
        using var image = SKImage.FromBitmap(decoded);
        using var paint = new SKPaint();
        canvas.DrawImage(image, new SKRect(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
        return jpeg is null ? (null, Refusal.NotAPhoto) : (new Photo(jpeg.ToArray(), width, height), Refusal.None);
    }

    /// <summary>The transform that turns the stored pixels upright (EXIF orientation 1–8).</summary>
    private static void ApplyOrigin(SKCanvas canvas, SKEncodedOrigin origin, int w, int h)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(w, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(w, h);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, h);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                canvas.Translate(-w, 0);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
        }
    }
}
