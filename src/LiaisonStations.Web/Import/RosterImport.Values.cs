using System.Globalization;
using LiaisonStations.Domain.Common;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Import;

/// <summary>Reading and checking single values; every problem is kept with its file, line and column.</summary>
public sealed partial class RosterImport
{
    /// <summary>The labels a value is known by in the UI, in Chinese and English.</summary>
    private static IEnumerable<string> ChineseLabels<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var key = $"Enum.{typeof(TEnum).Name}.{value}";
        if (Labels.GetString(key, CultureInfo.InvariantCulture) is { } zh)
        {
            yield return zh;
        }

        if (Labels.GetString(key, CultureInfo.GetCultureInfo("en")) is { } en)
        {
            yield return en;
        }
    }

    private TEnum? EnumValue<TEnum>(Table table, TableRow row, string column, Dictionary<TEnum, string[]>? aliases, ref bool ok)
        where TEnum : struct, Enum
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            Problem(table.FileName, row.Line, column, l["Import.Required"]);
            ok = false;
            return null;
        }

        var value = ImportValues.Enum<TEnum>(text, v => ChineseLabels(v).Concat(aliases is not null && aliases.TryGetValue(v, out var a) ? a : []));
        if (value is null)
        {
            Problem(table.FileName, row.Line, column, l["Import.BadValue", text]);
            ok = false;
        }

        return value;
    }

    private DateOnly? DateValue(Table table, TableRow row, string column, bool required, ref bool ok)
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            if (required)
            {
                Problem(table.FileName, row.Line, column, l["Import.Required"]);
                ok = false;
            }

            return null;
        }

        var date = ImportValues.Date(text);
        if (date is null)
        {
            Problem(table.FileName, row.Line, column, l["Import.BadDate", text]);
            ok = false;
        }

        return date;
    }

    private int? IntValue(Table table, TableRow row, string column, ref bool ok)
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100_000)
        {
            return value;
        }

        Problem(table.FileName, row.Line, column, l["Import.BadNumber", text]);
        ok = false;
        return null;
    }

    private string Required(Table table, TableRow row, string column, ref bool ok)
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            Problem(table.FileName, row.Line, column, l["Import.Required"]);
            ok = false;
        }

        return text;
    }

    /// <summary>A code given twice in one file is a problem on the second line.</summary>
    private bool FirstTime(Table table, TableRow row, HashSet<string> seen, string code)
    {
        if (seen.Add(code))
        {
            return true;
        }

        Problem(table.FileName, row.Line, "code", l["Import.Duplicate", code]);
        return false;
    }

    private static string? Optional(TableRow row, string column) => row.Get(column) is { Length: > 0 } text ? text : null;

    /// <summary>Runs the domain's own checks on a row; a refusal becomes a problem on that row.</summary>
    private void Try(Table table, TableRow row, string column, Action check)
    {
        try
        {
            check();
            return;
        }
        catch (DomainRuleException e)
        {
            Problem(table.FileName, row.Line, column, l.Rule(e));
        }
        catch (ImportRowException e)
        {
            Problem(table.FileName, row.Line, e.Column, e.Message);
        }

        _refused.Add(row.Get("code"));
    }

    private void Problem(string file, int line, string column, string reason) => _problems.Add(new ImportProblem(file, line, column, reason));
}
