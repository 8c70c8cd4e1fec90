using System.Globalization;
using LiaisonStations.Web;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Pages.Stations;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiaisonStations.UnitTests.Web;

public sealed class ValidationMessageTests
{
    private static StringLocalizer<SharedResource> Localizer()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        return new StringLocalizer<SharedResource>(factory);
    }

    [Fact]
    public void An_empty_station_form_is_refused_with_chinese_field_names()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var l = Localizer();
            Validation.UseLocalizedDisplayNames(key => l[key]);
            Validation.UseOwnMessages();
            var result = new StationInputValidator(l, TimeProvider.System).Validate(new StationInput { Code = "bad code!" });

            Assert.False(result.IsValid);
            var messages = result.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
            Assert.Equal("请填写“名称”。", messages[nameof(StationInput.Name)]);
            Assert.Equal("编码只能包含字母、数字、短横线和下划线。", messages[nameof(StationInput.Code)]);
            Assert.Equal("请填写“建站日期”。", messages[nameof(StationInput.OpenedOn)]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Like_patterns_escape_wildcards_typed_by_users()
    {
        Assert.Equal("100\\%\\_a\\\\b", Like.Escape("100%_a\\b"));
    }
}
