using System.Text.RegularExpressions;
using System.Xml.Linq;
using LiaisonStations.Domain.Common;

namespace LiaisonStations.UnitTests.Web;

/// <summary>Every visible string is localized: both languages have the same keys, and every key the code uses exists.</summary>
public sealed partial class LocalizationTests
{
    private static readonly Dictionary<string, string> Chinese = Load("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Load("SharedResource.en.resx");

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(RepositoryFiles.Path("src", "LiaisonStations.Web", "Resources", file))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Chinese_and_English_have_the_same_keys()
    {
        Assert.Empty(Chinese.Keys.Except(English.Keys));
        Assert.Empty(English.Keys.Except(Chinese.Keys));
    }

    [Fact]
    public void No_value_is_empty_and_format_placeholders_agree()
    {
        foreach (var (key, zh) in Chinese)
        {
            Assert.False(string.IsNullOrWhiteSpace(zh), key);
            Assert.False(string.IsNullOrWhiteSpace(English[key]), key);
            Assert.Equal(Placeholders(zh), Placeholders(English[key]));
        }
    }

    [Fact]
    public void Every_key_used_in_pages_and_code_exists()
    {
        var web = RepositoryFiles.Path("src", "LiaisonStations.Web");
        var files = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var missing = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerKey().Matches(text))
            {
                if (!Chinese.ContainsKey(m.Groups[1].Value))
                {
                    missing.Add($"{System.IO.Path.GetFileName(file)}: {m.Groups[1].Value}");
                }
            }

            foreach (Match m in DisplayName().Matches(text))
            {
                if (!Chinese.ContainsKey(m.Groups[1].Value))
                {
                    missing.Add($"{System.IO.Path.GetFileName(file)}: [Display] {m.Groups[1].Value}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_business_rule_has_a_message()
    {
        var domain = RepositoryFiles.Path("src", "LiaisonStations.Domain");
        var rules = Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => RuleKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(rules);
        var missing = rules.Where(r => !Chinese.ContainsKey("Rule." + r)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void Every_enum_value_shown_in_the_ui_has_a_label()
    {
        var enums = typeof(DomainRuleException).Assembly.GetTypes().Where(t => t.IsEnum).Append(typeof(DayOfWeek));
        var missing = enums
            .SelectMany(t => Enum.GetNames(t).Select(n => $"Enum.{t.Name}.{n}"))
            .Where(k => !Chinese.ContainsKey(k))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_request_step_has_a_label_for_its_note()
    {
        var missing = Enum.GetNames<LiaisonStations.Domain.Requests.RequestStep>()
            .Select(n => $"Step.NoteLabel.{n}")
            .Concat(Enum.GetValues<LiaisonStations.Domain.Suggestions.SuggestionStep>()
                .Where(s => s is LiaisonStations.Domain.Suggestions.SuggestionStep.Reply or LiaisonStations.Domain.Suggestions.SuggestionStep.Reclassify
                    or LiaisonStations.Domain.Suggestions.SuggestionStep.Evaluate or LiaisonStations.Domain.Suggestions.SuggestionStep.Rehandle)
                .Select(s => $"Suggestions.NoteLabel.{s}"))
            .Where(k => !Chinese.ContainsKey(k))
            .ToList();
        Assert.Empty(missing);
    }

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order());

    // L["Key"], l["Key"], Localizer["Key"] with a literal key (interpolated keys are checked by the enum and rule tests).
    [GeneratedRegex("""\b[Ll](?:ocalizer)?\["([A-Za-z][A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""Display\(Name = "([^"]+)"\)""")]
    private static partial Regex DisplayName();

    // Rule keys as the domain writes them: "Area.CodeRequired" passed to Check or DomainRuleException.
    [GeneratedRegex("""[(,]\s*"([A-Z][A-Za-z]+\.[A-Z][A-Za-z]+)"\s*[,)]""")]
    private static partial Regex RuleKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
