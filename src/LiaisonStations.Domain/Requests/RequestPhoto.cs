using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Requests;

/// <summary>
/// A photo a citizen attached to an online submission, as re-encoded by the server (no EXIF, no GPS). Kept in the
/// database beside its request, so every app instance serves it and a backup holds it; only people who may see
/// the request may see it.
/// </summary>
public sealed class RequestPhoto
{
    public const int MaxPerRequest = 3;

    private RequestPhoto()
    {
        ContentType = string.Empty;
        Content = [];
    }

    public long Id { get; private set; }

    public long CitizenRequestId { get; private set; }

    public string ContentType { get; private set; }

    public byte[] Content { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public static RequestPhoto For(CitizenRequest request, string contentType, byte[] content, int width, int height, DateTimeOffset now)
    {
        Check.That(content.Length > 0 && width > 0 && height > 0, "Request.PhotoUnreadable");
        return new RequestPhoto
        {
            Request = request,
            ContentType = contentType,
            Content = content,
            Width = width,
            Height = height,
            UploadedAt = ChinaTime.Utc(now),
        };
    }

    /// <summary>Set when the photo is created with its request, so both are saved in one transaction.</summary>
    public CitizenRequest? Request { get; private set; }
}
