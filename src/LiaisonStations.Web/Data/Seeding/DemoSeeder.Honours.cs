using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Consultations;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Stations;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Demo data: Star stations, star deputies and the legislative consultations.</summary>
public sealed partial class DemoSeeder
{
    private async Task SeedHonoursAsync(CancellationToken ct)
    {
        var lastYear = _today.Year - 1;
        var stars = Enumerable.Repeat(3, 4).Concat(Enumerable.Repeat(2, 5)).Concat(Enumerable.Repeat(1, 4)).ToList();
        var rated = Sample(_stations.Select(s => s.Id).ToList(), stars.Count + 8);
        for (var i = 0; i < rated.Count; i++)
        {
            if (i < stars.Count)
            {
                var rating = StationStarRating.Nominate(rated[i], lastYear, stars[i], "活动开展扎实，群众评价高。", ChinaTime.StartOf(new DateOnly(lastYear, 10, 1)));
                rating.PassInitialReview();
                rating.RecordPublicVotes(_rng.Next(800, 5000));
                rating.DecideByPanel(stars[i], "评审通过");
                rating.Approve(ChinaTime.StartOf(new DateOnly(lastYear, 12, 20)));
                db.StationStarRatings.Add(rating);
            }
            else
            {
                var rating = StationStarRating.Nominate(rated[i], _today.Year, _rng.Next(1, 4), "区人大常委会推荐。", _now.AddDays(-_rng.Next(5, 40)));
                if (i % 2 == 0)
                {
                    rating.PassInitialReview();
                }

                db.StationStarRatings.Add(rating);
            }
        }

        var honoured = Sample(_deputies.Where(d => d.IsActive && d.Assignments.Count > 0).Select(d => d.Id).ToList(), 14);
        for (var i = 0; i < honoured.Count; i++)
        {
            if (i < 9)
            {
                var star = StarDeputy.Nominate(honoured[i], lastYear, "履职积极，联系群众紧密。", ChinaTime.StartOf(new DateOnly(lastYear, 10, 1)));
                star.PassInitialReview();
                star.RecordPublicVotes(_rng.Next(500, 4000));
                star.DecideByPanel("评审通过");
                star.Approve(ChinaTime.StartOf(new DateOnly(lastYear, 12, 20)));
                db.StarDeputies.Add(star);
            }
            else
            {
                db.StarDeputies.Add(StarDeputy.Nominate(honoured[i], _today.Year, "区人大常委会推荐。", _now.AddDays(-_rng.Next(5, 40))));
            }
        }

        await SaveAsync(ct);
    }

    private async Task SeedConsultationsAsync(CancellationToken ct)
    {
        var drafts = new[] { "哈尔滨市物业管理条例（修订草案）", "哈尔滨市供热条例（修订草案）", "哈尔滨市松花江湿地保护条例（草案）", "哈尔滨市养老服务条例（草案）" };
        var points = _stations.Where(s => s.IsLegislativeContactPoint).Take(8).ToList();
        for (var i = 0; i < points.Count; i++)
        {
            var opens = _today.AddDays(i < 3 ? -10 : -90);
            var c = LegislativeConsultation.Open(points[i], drafts[i % drafts.Length], "向基层群众征求意见。", opens, opens.AddDays(30));
            for (var k = 0; k < _rng.Next(3, 11); k++)
            {
                c.AddOpinion("建议明确相关主体责任，细化处罚标准。", RandomName(), opens.AddDays(_rng.Next(0, 10)), new Actor(null, "联络员"));
            }

            if (i >= 3)
            {
                c.Close();
            }

            if (i >= 6)
            {
                c.SubmitSummary("共收集意见若干条，主要集中在责任划分和处罚标准两方面。", _now.AddDays(-30));
            }

            db.LegislativeConsultations.Add(c);
        }

        await SaveAsync(ct);
    }
}
