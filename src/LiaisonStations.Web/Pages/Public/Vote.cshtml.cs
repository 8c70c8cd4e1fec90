using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Voting;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// 网上投票: the ballot of a round with each nominee's record; a citizen chooses one and gives a mobile number, gets a
/// six-digit code by text message, and confirms with it. One vote per number per round (a unique index); codes are
/// limited per number and per address, and a code can be tried five times.
/// </summary>
[AllowAnonymous]
public sealed class VoteModel(
    AppDbContext db,
    VotingBallot ballot,
    PublicFormGuard guard,
    RateCounters counters,
    SmsSender sms,
    IDataProtectionProvider protection,
    TimeProvider clock,
    ILogger<VoteModel> logger,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int CodesPerPhonePerHour = 3;

    private readonly ITimeLimitedDataProtector _tokens = protection.CreateProtector("LiaisonStations.Public.Vote").ToTimeLimitedDataProtector();

    public VotingRound Round { get; private set; } = null!;

    public IReadOnlyList<BallotEntry> Entries { get; private set; } = [];

    public bool IsOpen { get; private set; }

    [BindProperty]
    public VoteInput Input { get; set; } = new();

    /// <summary>Set once the code is sent: the form asks for it.</summary>
    public string? ConfirmToken { get; private set; }

    public string? Message { get; private set; }

    public bool Voted { get; private set; }

    public sealed class VoteInput
    {
        public int? HonourId { get; set; }

        [Display(Name = "Submit.Phone")]
        public string? Phone { get; set; }

        public string? Website { get; set; }

        public string? Ticket { get; set; }

        public string? Token { get; set; }

        [Display(Name = "Vote.Code")]
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.Ticket = guard.NewTicket();
        return Page();
    }

    /// <summary>Step 1: the choice and the number; a code goes out by text message.</summary>
    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        Message = await SendCodeAsync(ct);
        Input.Ticket = guard.NewTicket();
        return Page();
    }

    /// <summary>Step 2: the code confirms the vote.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        Message = await ConfirmAsync(ct);
        Input.Ticket = guard.NewTicket();
        return Page();
    }

    private async Task<string?> SendCodeAsync(CancellationToken ct)
    {
        if (!IsOpen)
        {
            return l["Vote.Closed"];
        }

        if (guard.Screen("Vote", Input.Website, Input.Ticket) is { } refusal)
        {
            return l[refusal];
        }

        if (Input.HonourId is not { } honourId || !Round.Includes(honourId))
        {
            return l["Vote.ChooseOne"];
        }

        var phone = PhoneNumber.NormalizeMobile(Input.Phone);
        if (phone is null)
        {
            ModelState.AddModelError("Input.Phone", l["Submit.PhoneMobile"]);
            return null;
        }

        var phoneHash = PhoneHash(Round.Id, phone);
        if (await db.PublicVotes.AnyAsync(v => v.RoundId == Round.Id && v.PhoneHash == phoneHash, ct))
        {
            return l["Vote.AlreadyVoted"];
        }

        if (await counters.HitAsync(RateCounters.Key("vote-code-phone", phone), TimeSpan.FromHours(1), ct) > CodesPerPhonePerHour
            || await counters.HitAsync(RateCounters.Key("vote-code-address", RateCounters.AddressOf(HttpContext)), TimeSpan.FromDays(1), ct) > guard.Options.SubmitsPerAddressPerDay)
        {
            return l["Vote.TooManyCodes"];
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        if (!await sms.SendAsync(phone, l["Vote.SmsText", code, Round.Title], ct))
        {
            return l["Vote.SmsFailed"];
        }

        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        ConfirmToken = _tokens.Protect(string.Join('|', Round.Id, honourId, phoneHash, Hash(code + "|" + nonce), nonce), TimeSpan.FromMinutes(10));
        return null;
    }

    private async Task<string?> ConfirmAsync(CancellationToken ct)
    {
        string[] parts;
        try
        {
            parts = string.IsNullOrEmpty(Input.Token) || Input.Token.Length > 2000 ? [] : _tokens.Unprotect(Input.Token).Split('|');
        }
        catch (CryptographicException)
        {
            parts = [];
        }

        if (parts.Length != 5 || parts[0] != Round.Id.ToString(CultureInfo.InvariantCulture) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var honourId))
        {
            return l["Vote.CodeExpired"];
        }

        // Five tries per code; then a new one must be asked for.
        if (await counters.HitAsync(RateCounters.Key("vote-code-try", parts[4]), TimeSpan.FromDays(1), ct) > 5)
        {
            return l["Vote.CodeExpired"];
        }

        var typed = (Input.Code ?? string.Empty).Trim();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(typed + "|" + parts[4])), Encoding.ASCII.GetBytes(parts[3])))
        {
            ConfirmToken = Input.Token;
            ModelState.AddModelError("Input.Code", l["Vote.CodeWrong"]);
            return null;
        }

        try
        {
            db.PublicVotes.Add(PublicVote.Cast(Round, honourId, parts[2], clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        catch (DomainRuleException e)
        {
            return l.Rule(e);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return l["Vote.AlreadyVoted"];
        }

        logger.LogInformation("Vote cast in round {Round}", Round.Id);
        Voted = true;
        return null;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var round = await db.VotingRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null || round.OpensOn > ChinaTime.DateOf(clock.GetUtcNow()))
        {
            return false;
        }

        Round = round;
        IsOpen = round.IsOpenOn(ChinaTime.DateOf(clock.GetUtcNow()));
        Entries = await ballot.EntriesAsync(round, ct);
        return true;
    }

    /// <summary>The voter's number as stored: a hash salted with the round, so one number votes once per round.</summary>
    public static string PhoneHash(int roundId, string mobile) => Hash($"liaison-vote|{roundId}|{mobile}");

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
