namespace LiaisonStations.Web.Import;

/// <summary>One bad value: where it is (file, line as a spreadsheet shows it, column) and why it is refused.</summary>
public sealed record ImportProblem(string File, int Line, string Column, string Reason)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Reason}";
}

public sealed record ImportCounts(string File, int Rows, int Created, int Updated, int Unchanged);

/// <summary>What an import found and did. Nothing is written when there is any problem or on a dry run.</summary>
public sealed class ImportReport
{
    public List<ImportProblem> Problems { get; } = [];

    public List<ImportCounts> Counts { get; } = [];

    public bool DryRun { get; init; }

    public bool Written { get; set; }

    public TimeSpan Elapsed { get; set; }

    public bool Ok => Problems.Count == 0;
}

/// <summary>Whose data may be imported: everything (administrators, the command line) or one district (district staff).</summary>
public sealed record ImportScope(string? DistrictPath)
{
    public static readonly ImportScope Everything = new((string?)null);

    public bool Allows(string areaPath) => DistrictPath is null || areaPath == DistrictPath || areaPath.StartsWith(DistrictPath + ".", StringComparison.Ordinal);
}
