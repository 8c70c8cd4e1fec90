using System.Net;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiaisonStations.IntegrationTests;

/// <summary>Business changes are audited automatically, exports are audited, and the trail cannot be rewritten.</summary>
public sealed class AuditTrailTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Creating_editing_and_closing_a_station_each_leave_an_entry_with_user_address_and_target()
    {
        var session = await fixture.SignedInAsync("district");
        var create = await session.GetAsync("/Stations/Create?district=230103");
        using var created = await session.SubmitAsync(create, "main form", new Dictionary<string, string?>
        {
            ["Input.Code"] = "ST-AUDIT",
            ["Input.Name"] = "审计测试联络站",
            ["Input.Kind"] = "Station",
            ["Input.HostType"] = "Community",
            ["Input.DistrictCode"] = "230103",
            ["Input.AreaId"] = fixture.Data.HexingStreetId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OpenedOn"] = "2022-01-01",
        }, pageUrl: "/Stations/Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = created.Headers.Location!.OriginalString.Split('/')[^1];

        var edit = await session.GetAsync($"/Stations/Edit/{id}");
        using (var saved = await session.SubmitAsync(edit, "main form", new Dictionary<string, string?> { ["Input.Name"] = "审计测试联络站（改）" }, pageUrl: $"/Stations/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var close = await session.GetAsync($"/Stations/Close/{id}");
        using (var closed = await session.SubmitAsync(close, "main form", new Dictionary<string, string?> { ["Input.Reason"] = "测试撤销" }, pageUrl: $"/Stations/Close/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        foreach (var action in new[] { "Station.Created", "Station.Updated", "Station.Closed" })
        {
            var entry = Assert.Single(await fixture.EntriesAsync(action), e => e.TargetId == id);
            Assert.Equal("district", entry.UserName);
            Assert.Equal("Station", entry.TargetType);
            Assert.Equal("ST-AUDIT", entry.Details);
            Assert.Equal(AuditResult.Success, entry.Result);
            Assert.NotNull(entry.UserId);
        }
    }

    [Fact]
    public async Task An_export_is_a_real_xlsx_file_and_is_audited()
    {
        var session = await fixture.SignedInAsync("city");

        using var response = await session.Client.GetAsync("/Stations?handler=Export&district=230103");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LiaisonStations.Web.Infrastructure.Xlsx.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var text = sheet.InnerText;
            Assert.Contains("南岗区荣市街道代表联络站", text, StringComparison.Ordinal);
            Assert.DoesNotContain("南马路", text, StringComparison.Ordinal);
        }

        var entry = Assert.Single(await fixture.EntriesAsync("Export.Stations"), e => e.UserName == "city");
        Assert.Contains("district=230103", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO audit_entries (at, action, result) VALUES (now(), 'Test.Entry', 1), (now() - interval '200 days', 'Test.Old', 1)", connection))
        {
            await insert.ExecuteNonQueryAsync();
        }

        foreach (var sql in new[] { "UPDATE audit_entries SET action = 'Forged'", "DELETE FROM audit_entries", "TRUNCATE audit_entries" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var e = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }

        // The retention purge may remove entries older than 180 days, and only those.
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var purge = new NpgsqlCommand("SET LOCAL liaison.audit_purge = 'on'; DELETE FROM audit_entries WHERE action = 'Test.Old'", connection, tx);
            Assert.Equal(1, await purge.ExecuteNonQueryAsync());
            await using var young = new NpgsqlCommand("DELETE FROM audit_entries WHERE action = 'Test.Entry'", connection, tx);
            await Assert.ThrowsAsync<PostgresException>(() => young.ExecuteNonQueryAsync());
        }

        await using var db = fixture.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Test.Entry"));
    }
}
