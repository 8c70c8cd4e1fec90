using System.Globalization;
using System.Net;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// One change, one transaction: a request step, its audit entry and the notices it raises commit together or
/// not at all. Made to fail for real — a trigger in this class's own database refuses the notice or the
/// audit insert — the step saves nothing, and once the fault is gone the same step saves all three.
/// </summary>
public sealed class AtomicChangeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<long> AssignedRequestAsync(string number)
    {
        await using var db = fixture.Db();
        var clerk = new Actor(null, "联络员");
        var request = CitizenRequest.Register(number, "ATOMIC" + number[^6..] + "000A", fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "楼道灯坏了", new CitizenContact("孙七", "13900002222", null, true, false), clerk, FixedClock.Default);
        request.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], null, clerk, FixedClock.Default);
        db.CitizenRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<HttpResponseMessage> ReferAsync(long id)
    {
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync($"/Requests/Act/{id}/Refer");
        return await clerk.SubmitAsync(form, "#step-form", new Dictionary<string, string?>
        {
            ["Input.DepartmentId"] = fixture.Data.HeatingDepartmentId.ToString(CultureInfo.InvariantCulture),
            ["Input.Note"] = "请供热办核查",
        }, pageUrl: $"/Requests/Act/{id}/Refer");
    }

    private async Task<(RequestStatus Status, int Audits, int Notices)> StateAsync(long id)
    {
        await using var db = fixture.Db();
        var status = await db.CitizenRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync();
        var key = id.ToString(CultureInfo.InvariantCulture);
        var audits = await db.AuditEntries.CountAsync(a => a.Action == "CitizenRequest.Referred" && a.TargetId == key);
        var notices = await db.Notifications.CountAsync(n => n.SubjectType == "request" && n.SubjectId == id);
        return (status, audits, notices);
    }

    [Fact]
    public async Task A_failing_notice_leaves_the_step_unsaved_and_unaudited_then_the_step_saves_all_three()
    {
        var id = await AssignedRequestAsync("2026-NG-000951");
        var before = await StateAsync(id);
        await ExecuteAsync("""
            CREATE FUNCTION refuse_notices() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'notifier down'; END; $$;
            CREATE TRIGGER refuse_notices BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION refuse_notices();
            """);
        try
        {
            using var failed = await ReferAsync(id);

            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            var page = await PageSession.ReadAsync(failed);
            Assert.Contains("本次操作没有保存任何内容", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("notifier down", page.Body.TextContent, StringComparison.Ordinal);
            Assert.Equal((RequestStatus.Assigned, 0, 0), await StateAsync(id));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_notices ON notifications; DROP FUNCTION refuse_notices();");
        }

        using var saved = await ReferAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await StateAsync(id);
        Assert.Equal(RequestStatus.Referred, after.Status);
        Assert.Equal(1, after.Audits);
        Assert.Equal(1, after.Notices - before.Notices);
    }

    [Fact]
    public async Task A_failing_audit_insert_leaves_the_step_unsaved_and_raises_no_notice()
    {
        var id = await AssignedRequestAsync("2026-NG-000952");
        await ExecuteAsync("""
            CREATE FUNCTION refuse_request_audits() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.action LIKE 'CitizenRequest.%' THEN RAISE EXCEPTION 'audit store full'; END IF;
                RETURN NEW;
            END; $$;
            CREATE TRIGGER refuse_request_audits BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_request_audits();
            """);
        try
        {
            using var failed = await ReferAsync(id);

            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Equal((RequestStatus.Assigned, 0, 0), await StateAsync(id));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_request_audits ON audit_entries; DROP FUNCTION refuse_request_audits();");
        }

        using var saved = await ReferAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((RequestStatus.Referred, 1, 1), await StateAsync(id));
    }

    [Fact]
    public async Task A_step_whose_browser_went_away_after_the_rows_were_written_still_commits_its_audit_entry()
    {
        // The request's cancellation token is cancelled just as the audit entry is written: the entry must not
        // depend on it, so the change and its entry commit together (or, had the rows not been written, neither).
        var id = await AssignedRequestAsync("2026-NG-000953");
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        var request = await db.CitizenRequests.SingleAsync(r => r.Id == id);
        request.AddNote("已电话回访", new Actor(null, "联络员"), FixedClock.Default);
        using var tab = new CancellationTokenSource();
        // Accepting the changes happens after the rows are written and before the audit entries are.
        db.ChangeTracker.StateChanged += (_, e) =>
        {
            if (e.OldState == EntityState.Modified)
            {
                tab.Cancel();
            }
        };

        await db.SaveChangesAsync(tab.Token);

        await using var check = fixture.Db();
        var key = id.ToString(CultureInfo.InvariantCulture);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.TargetId == key && a.Action == "CitizenRequest.Updated"));
        Assert.Contains(await check.CitizenRequests.AsNoTracking().Where(r => r.Id == id).SelectMany(r => r.Events).Select(e => e.Note).ToListAsync(), n => n == "已电话回访");
    }
}
