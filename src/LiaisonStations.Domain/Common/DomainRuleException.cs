namespace LiaisonStations.Domain.Common;

/// <summary>
/// A business rule refused an operation. <see cref="Rule"/> is a stable key (for example
/// <c>Request.IllegalTransition</c>) that the UI turns into a localized message with <see cref="Arguments"/>.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string rule, params object[] arguments)
        : base(arguments.Length == 0 ? rule : $"{rule}: {string.Join(", ", arguments)}")
    {
        Rule = rule;
        Arguments = arguments;
    }

    public DomainRuleException()
        : this("Domain.RuleViolated")
    {
    }

    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = message;
        Arguments = [];
    }

    public string Rule { get; } = "Domain.RuleViolated";

    public IReadOnlyList<object> Arguments { get; } = [];
}
