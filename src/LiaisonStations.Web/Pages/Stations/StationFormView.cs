namespace LiaisonStations.Web.Pages.Stations;

/// <summary>Model of the shared _StationForm partial.</summary>
public sealed record StationFormView(StationInput Input, StationFormOptions Options);
