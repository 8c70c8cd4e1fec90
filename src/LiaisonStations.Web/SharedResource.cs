namespace LiaisonStations.Web;

/// <summary>Marker for the one resource set of the UI: Resources/SharedResource.resx (Chinese) and .en.resx.</summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; it must be instantiable as a type argument only.
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
