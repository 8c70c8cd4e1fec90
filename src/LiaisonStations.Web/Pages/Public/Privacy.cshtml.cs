using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// 隐私说明 (PIPL): what the citizens' side collects, why, who sees it and for how long. The retention period is the
/// one the anonymisation job applies (<c>Privacy:RetentionYears</c>).
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPages.CachePolicy)]
public sealed class PrivacyModel(IConfiguration configuration) : PageModel
{
    public int RetentionYears { get; private set; }

    public void OnGet() => RetentionYears = Privacy.PersonalDataRetention.YearsFrom(configuration);
}
