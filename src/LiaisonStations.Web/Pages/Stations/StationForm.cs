using FluentValidation;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>
/// What Create and Edit share: validating the form, finding the area, keeping codes unique and turning a
/// refused rule into a message on the right field.
/// </summary>
public sealed class StationForm(AppDbContext db, IValidator<StationInput> validator, StationLookups lookups, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    private const string Prefix = "Input";

    /// <summary>Validates the input; creates the station (when <paramref name="station"/> is null) or updates it. Returns null when the form has errors.</summary>
    public async Task<Station?> ApplyAsync(StationInput input, Station? station, ModelStateDictionary modelState, CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(input, modelState, Prefix, ct))
        {
            return null;
        }

        var area = await lookups.FindAreaAsync(input.AreaId!.Value, ct);
        if (area is null || !lookups.MayUse(area))
        {
            modelState.AddModelError($"{Prefix}.AreaId", l["Stations.AreaNotFound"]);
            return null;
        }

        var code = input.Code!.Trim();
        var id = station?.Id ?? 0;
        if (await db.Stations.AnyAsync(s => s.Code == code && s.Id != id, ct))
        {
            modelState.AddModelError($"{Prefix}.Code", l["Stations.CodeTaken", code]);
            return null;
        }

        var now = clock.GetUtcNow();
        try
        {
            if (station is null)
            {
                station = Station.Create(code, input.Name!, input.Kind!.Value, input.HostType!.Value, area, input.Address, input.OpenedOn!.Value, input.IsLegislativeContactPoint, now);
                db.Stations.Add(station);
            }
            else
            {
                if (station.Code != code)
                {
                    station.ChangeCode(code, now);
                }

                station.SetDetails(input.Name!, input.Kind!.Value, input.HostType!.Value, area, input.Address, input.OpenedOn!.Value, input.IsLegislativeContactPoint, now);
            }

            station.SetContactPhone(input.ContactPhone, now);
            station.SetSchedule(input.Schedule(), now);
            return station;
        }
        catch (DomainRuleException e)
        {
            modelState.AddModelError(FieldOf(e.Rule), l.Rule(e));
            if (station is not null && db.Entry(station).State == EntityState.Added)
            {
                db.Entry(station).State = EntityState.Detached;
            }

            return null;
        }
    }

    /// <summary>Saves; a code taken at the same moment by someone else becomes a field error.</summary>
    public async Task<bool> SaveAsync(ModelStateDictionary modelState, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            modelState.AddModelError($"{Prefix}.Code", l["Stations.CodeTaken", string.Empty]);
            return false;
        }
    }

    private static string FieldOf(string rule) => rule switch
    {
        "Station.AreaLevelNotAllowed" => $"{Prefix}.AreaId",
        "Station.CodeInvalid" or "Station.CodeRequired" => $"{Prefix}.Code",
        "Station.NameRequired" => $"{Prefix}.Name",
        "Station.OpenedAfterClosed" => $"{Prefix}.OpenedOn",
        "Schedule.DayOfMonthOutOfRange" or "Schedule.DayOfMonthRequired" => $"{Prefix}.ScheduleDayOfMonth",
        "Schedule.NthOutOfRange" or "Schedule.NthRequired" => $"{Prefix}.ScheduleNth",
        "Schedule.WeekdayRequired" => $"{Prefix}.ScheduleWeekday",
        _ => string.Empty,
    };
}
