using LiaisonStations.Domain.Common;
using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Stations;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Stations;

/// <summary>The station form (create and edit): flat primitives, never the entity.</summary>
public sealed class StationInput
{
    [Display(Name = "Station.Code")]
    public string? Code { get; set; }

    [Display(Name = "Station.Name")]
    public string? Name { get; set; }

    [Display(Name = "Station.Kind")]
    public StationKind? Kind { get; set; }

    [Display(Name = "Station.HostType")]
    public HostType? HostType { get; set; }

    [Display(Name = "Station.District")]
    public string? DistrictCode { get; set; }

    [Display(Name = "Station.Area")]
    public int? AreaId { get; set; }

    [Display(Name = "Station.Address")]
    public string? Address { get; set; }

    [Display(Name = "Station.ContactPhone")]
    public string? ContactPhone { get; set; }

    [Display(Name = "Station.OpenedOn")]
    public DateOnly? OpenedOn { get; set; }

    [Display(Name = "Station.IsLegislativeContactPoint")]
    public bool IsLegislativeContactPoint { get; set; }

    [Display(Name = "Station.ScheduleKind")]
    public ScheduleKind ScheduleKind { get; set; }

    [Display(Name = "Station.ScheduleDayOfMonth")]
    public int? ScheduleDayOfMonth { get; set; }

    [Display(Name = "Station.ScheduleWeekday")]
    public DayOfWeek? ScheduleWeekday { get; set; }

    [Display(Name = "Station.ScheduleNth")]
    public int? ScheduleNth { get; set; }

    /// <summary>Row version read when the form was opened; a save against a newer row is a conflict.</summary>
    public uint Version { get; set; }

    public static StationInput From(Station s, string? districtCode) => new()
    {
        Code = s.Code,
        Name = s.Name,
        Kind = s.Kind,
        HostType = s.HostType,
        DistrictCode = districtCode,
        AreaId = s.AreaId,
        Address = s.Address,
        ContactPhone = s.ContactPhone,
        OpenedOn = s.OpenedOn,
        IsLegislativeContactPoint = s.IsLegislativeContactPoint,
        ScheduleKind = s.ScheduleKind,
        ScheduleDayOfMonth = s.ScheduleDayOfMonth,
        ScheduleWeekday = s.ScheduleWeekday,
        ScheduleNth = s.ScheduleNth,
        Version = s.Version,
    };

    public ReceptionSchedule Schedule() => ReceptionSchedule.From(ScheduleKind, ScheduleDayOfMonth, ScheduleWeekday, ScheduleNth);
}

/// <summary>Shape of the station form. Rules that need the database (unique code, area level) are checked by the page and the entity.</summary>
public sealed class StationInputValidator : AbstractValidator<StationInput>
{
    public StationInputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        RuleFor(x => x.Code).NotEmpty().MaximumLength(Station.MaxCodeLength)
            .Matches("^[A-Za-z0-9_-]+$").WithMessage(_ => l["Validation.CodeFormat"]);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(Station.MaxNameLength);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.HostType).NotNull().IsInEnum();
        RuleFor(x => x.AreaId).NotNull();
        RuleFor(x => x.Address).MaximumLength(Station.MaxAddressLength);
        RuleFor(x => x.ContactPhone).Must(PhoneNumber.IsValid).When(x => !string.IsNullOrWhiteSpace(x.ContactPhone))
            .WithMessage(_ => l["Validation.PhoneFormat"]);
        RuleFor(x => x.OpenedOn).NotNull()
            .Must(d => d is null || d >= new DateOnly(2000, 1, 1)).WithMessage(_ => l["Validation.DateTooEarly"])
            .Must(d => d is null || d <= Domain.Common.ChinaTime.DateOf(clock.GetUtcNow()).AddYears(1)).WithMessage(_ => l["Validation.DateTooLate"]);
        RuleFor(x => x.ScheduleKind).IsInEnum();
        When(x => x.ScheduleKind == ScheduleKind.MonthlyOnDay, () =>
            RuleFor(x => x.ScheduleDayOfMonth).NotNull().InclusiveBetween(1, 31));
        When(x => x.ScheduleKind == ScheduleKind.MonthlyNthWeekday, () =>
        {
            RuleFor(x => x.ScheduleNth).NotNull().InclusiveBetween(1, 4);
            RuleFor(x => x.ScheduleWeekday).NotNull().IsInEnum();
        });
        When(x => x.ScheduleKind == ScheduleKind.Weekly, () => RuleFor(x => x.ScheduleWeekday).NotNull().IsInEnum());
    }
}
