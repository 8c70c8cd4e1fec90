using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Infrastructure.Security;

/// <summary>
/// At least 12 characters from at least three of the four classes (upper case, lower case, digits,
/// symbols), as MLPS level 3 asks. Length is checked by Identity's own options; the classes here.
/// </summary>
public sealed class PasswordClassesValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 12;

    public static int ClassesIn(string password)
    {
        var classes = 0;
        classes += password.Any(char.IsUpper) ? 1 : 0;
        classes += password.Any(char.IsLower) ? 1 : 0;
        classes += password.Any(char.IsDigit) ? 1 : 0;
        classes += password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0;
        return classes;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null || ClassesIn(password) < 3)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordClasses", Description = l["Password.Classes"] }));
        }

        if (!string.IsNullOrEmpty(user.UserName) && password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = l["Password.ContainsUserName"] }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}

/// <summary>Identity's own messages in the user's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = l["Password.TooShort", length] };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = l["Account.UserNameTaken", userName] };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = l["Account.UserNameInvalid"] };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = l["Password.Mismatch"] };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = l["Common.ConflictReload"] };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = l["Account.Error"] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = l["Password.UniqueChars", uniqueChars] };

    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = l["Account.Error"] };
}
