using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using LiaisonStations.Web.Open311;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Admin.PartnerKeys;

/// <summary>
/// 接口密钥: administrators issue a key to each partner system that submits through Open311 (shown once, stored
/// hashed), see when each was last used, and revoke one at once. Issuing and revoking are audited.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, AuditTrail audit, TimeProvider clock, IValidator<IndexModel.KeyInput> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly RequestChannel[] Channels = [RequestChannel.Online, RequestChannel.WeChat, RequestChannel.Phone];

    [BindProperty]
    public KeyInput Input { get; set; } = new();

    public IReadOnlyList<PartnerKey> Keys { get; private set; } = [];

    /// <summary>The key just issued, shown in this one response only.</summary>
    public string? IssuedKey { get; private set; }

    public sealed class KeyInput
    {
        [Display(Name = "PartnerKeys.Name")]
        public string? Name { get; set; }

        [Display(Name = "Request.Channel")]
        public RequestChannel? Channel { get; set; }
    }

    public sealed class KeyInputValidator : AbstractValidator<KeyInput>
    {
        public KeyInputValidator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            RuleFor(x => x.Channel).NotNull().Must(c => c is null || Channels.Contains(c.Value));
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), ct))
        {
            await LoadAsync(ct);
            return Page();
        }

        var (entity, key) = PartnerKey.Issue(Input.Name!, Input.Channel!.Value, me.Actor.Name, clock.GetUtcNow());
        db.PartnerKeys.Add(entity);

        // The key and its audit entry commit together (the entry names the key's id, known once it is saved).
        await db.InOneTransactionAsync(
            async () =>
            {
                await db.SaveChangesAsync(ct);
                await audit.WriteAsync("PartnerKey.Issued", nameof(PartnerKey), entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditResult.Success, $"{entity.Name} {entity.Prefix}…");
            },
            ct);
        IssuedKey = key;
        Response.Headers.CacheControl = "no-store";
        ModelState.Clear();
        Input = new KeyInput();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var key = await db.PartnerKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return NotFound();
        }

        key.Revoke(clock.GetUtcNow());
        audit.Add("PartnerKey.Revoked", nameof(PartnerKey), key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditResult.Success, key.Name);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["PartnerKeys.Revoked", key.Name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Keys = await db.PartnerKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).Take(500).ToListAsync(ct);
}
