namespace LiaisonStations.Domain.Common;

/// <summary>Small guards that turn a broken invariant into a <see cref="DomainRuleException"/> with a rule key.</summary>
internal static class Check
{
    public static string Text(string? value, int maxLength, string rule)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainRuleException(rule);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException("Domain.TextTooLong", rule, maxLength);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException("Domain.TextTooLong", maxLength, maxLength);
        }

        return trimmed;
    }

    public static void That(bool condition, string rule, params object[] arguments)
    {
        if (!condition)
        {
            throw new DomainRuleException(rule, arguments);
        }
    }
}
