using System.Net;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>Uploads cannot exhaust the server: too large, a zip bomb, an overflowing cell reference — each refused with a message.</summary>
public sealed class UploadLimitTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<HttpResponseMessage> UploadAsync(string url, string field, string fileName, byte[] bytes) =>
        await (await fixture.SessionAsync("admin")).UploadAsync(url.Split('?')[0], url, field, fileName, bytes, new Dictionary<string, string> { ["DryRun"] = "true" });

    [Fact]
    public async Task A_request_over_twenty_megabytes_is_refused_with_413_and_a_message()
    {
        using var response = await UploadAsync("/Admin/Import", "files", "requests.csv", new byte[21 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("不能超过 20 MB", (await PageSession.ReadAsync(response)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_by_the_import_page_with_a_message()
    {
        using var response = await UploadAsync("/Admin/Import", "files", "requests.xlsx", HostileFiles.Bomb(1L << 30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = (await PageSession.ReadAsync(response)).QuerySelector("#import-problems")!.TextContent;
        Assert.Contains("requests.xlsx", problems, StringComparison.Ordinal);
        Assert.Contains("解压后过大", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overflowing_cell_reference_is_a_line_error_on_the_import_and_calendar_pages()
    {
        var sheet = HostileFiles.Xlsx(HostileFiles.Row(1, ("A1", "code")) + "<row r=\"2\"><c r=\"EZZZZZ2\" t=\"inlineStr\"><is><t>x</t></is></c></row>");

        using var import = await UploadAsync("/Admin/Import", "files", "requests.xlsx", sheet);
        var problems = (await PageSession.ReadAsync(import)).QuerySelector("#import-problems")!.TextContent;
        Assert.Contains("EZZZZZ2", problems, StringComparison.Ordinal);
        Assert.Contains("单元格位置", problems, StringComparison.Ordinal);

        using var calendar = await UploadAsync("/Admin/Calendar?handler=Import", "file", "holidays.xlsx", sheet);
        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        Assert.Contains("单元格位置“EZZZZZ2”无效", (await PageSession.ReadAsync(calendar)).Body!.TextContent, StringComparison.Ordinal);
    }
}
