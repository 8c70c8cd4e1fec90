using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Admin.Calendar;

/// <summary>
/// The holiday calendar administrators maintain from the State Council's yearly notice: statutory holidays
/// and make-up working days, one at a time or as a CSV file (date, kind, name). Due dates of referrals are
/// counted on it.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    CalendarProvider calendars,
    IValidator<IndexModel.DayInput> validator,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const long MaxUploadBytes = 1_000_000;

    private static readonly string[] Columns = ["date", "kind", "name"];

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DayInput Input { get; set; } = new();

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    public sealed class DayInput
    {
        [Display(Name = "Calendar.Date")]
        public DateOnly? Date { get; set; }

        [Display(Name = "Calendar.Kind")]
        public CalendarDayKind? Kind { get; set; }

        [Display(Name = "Calendar.Name")]
        public string? Name { get; set; }
    }

    public sealed class DayInputValidator : AbstractValidator<DayInput>
    {
        public DayInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Date).NotNull().Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage(_ => l["Validation.DateTooEarly"]);
            RuleFor(x => x.Kind).NotNull().IsInEnum();
            RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
            RuleFor(x => x).Must(x => x.Date is not { } d || x.Kind is not { } k || CalendarDay.Fits(d, k))
                .WithMessage(_ => l["Calendar.KindDoesNotFit"]).OverridePropertyName(nameof(DayInput.Kind));
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            Year ??= Input.Date?.Year;
            await LoadAsync(ct);
            return Page();
        }

        var date = Input.Date!.Value;
        var existing = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct);
        if (existing is null)
        {
            db.CalendarDays.Add(CalendarDay.Create(date, Input.Kind!.Value, Input.Name!.Trim()));
        }
        else
        {
            existing.Change(Input.Kind!.Value, Input.Name!.Trim());
        }

        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        TempData["Flash"] = l["Calendar.Saved", Fmt.Date(date)].Value;
        return RedirectToPage(new { year = date.Year });
    }

    public async Task<IActionResult> OnPostDeleteAsync(DateOnly date, CancellationToken ct)
    {
        var existing = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct);
        if (existing is not null)
        {
            db.CalendarDays.Remove(existing);
            audit.Add("CalendarDay.Deleted", "CalendarDay", Fmt.Date(date), AuditResult.Success, existing.Name);
            await db.SaveChangesAsync(ct);
            calendars.Invalidate();
            TempData["Flash"] = l["Calendar.Deleted", Fmt.Date(date)].Value;
        }

        return RedirectToPage(new { year = date.Year });
    }

    /// <summary>A CSV of date,kind,name: every line is checked first; one bad line and nothing is saved.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        var errors = new List<string>();
        var parsed = new List<(DateOnly Date, CalendarDayKind Kind, string Name)>();
        if (file is null || file.Length == 0)
        {
            errors.Add(l["Calendar.ImportNoFile"]);
        }
        else if (file.Length > MaxUploadBytes)
        {
            errors.Add(l["Import.FileTooLarge", MaxUploadBytes / 1000]);
        }
        else
        {
            Table table;
            try
            {
                await using var stream = file.OpenReadStream();
                table = Table.Read(file.FileName, stream);
            }
            catch (TableFormatException e)
            {
                table = new Table(file.FileName, [], []);
                errors.Add(l["Import.RowError", file.FileName, e.Line, e.Column, l.Reason(e)]);
            }

            foreach (var missing in Columns.Where(c => !table.Columns.Contains(c)))
            {
                errors.Add(l["Import.MissingColumn", table.FileName, missing]);
            }

            if (errors.Count == 0)
            {
                foreach (var row in table.Rows)
                {
                    var date = ImportValues.Date(row.Get("date"));
                    var kind = ImportValues.CalendarKind(row.Get("kind"));
                    var name = row.Get("name");
                    if (date is null)
                    {
                        errors.Add(l["Import.RowError", table.FileName, row.Line, "date", l["Import.BadDate", row.Get("date")]]);
                    }

                    if (kind is null)
                    {
                        errors.Add(l["Import.RowError", table.FileName, row.Line, "kind", l["Import.BadValue", row.Get("kind")]]);
                    }

                    if (name.Length is 0 or > 50)
                    {
                        errors.Add(l["Import.RowError", table.FileName, row.Line, "name", l["Import.Required"]]);
                    }

                    if (date is { } d && kind is { } k)
                    {
                        if (!CalendarDay.Fits(d, k))
                        {
                            errors.Add(l["Import.RowError", table.FileName, row.Line, "kind", l["Calendar.KindDoesNotFit"]]);
                        }
                        else if (parsed.Any(p => p.Date == d))
                        {
                            errors.Add(l["Import.RowError", table.FileName, row.Line, "date", l["Import.Duplicate", Fmt.Date(d)]]);
                        }
                        else if (name.Length is > 0 and <= 50)
                        {
                            parsed.Add((d, k, name));
                        }
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            ImportErrors = errors;
            await LoadAsync(ct);
            return Page();
        }

        var dates = parsed.Select(p => p.Date).ToList();
        var existing = await db.CalendarDays.Where(d => dates.Contains(d.Date)).ToDictionaryAsync(d => d.Date, ct);
        foreach (var (date, kind, name) in parsed)
        {
            if (existing.TryGetValue(date, out var day))
            {
                day.Change(kind, name);
            }
            else
            {
                db.CalendarDays.Add(CalendarDay.Create(date, kind, name));
            }
        }

        audit.Add("CalendarDay.Imported", "CalendarDay", null, AuditResult.Success, $"{parsed.Count} days from {file!.FileName}");
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        TempData["Flash"] = l["Calendar.Imported", parsed.Count].Value;
        return RedirectToPage(new { year = parsed.Count > 0 ? parsed.Min(p => p.Date).Year : (int?)null });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var year = Year is >= 2000 and <= 2100 ? Year.Value : ChinaTime.DateOf(clock.GetUtcNow()).Year;
        Year = year;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        Days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(ct);
    }
}
