using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;

namespace LiaisonStations.UnitTests.Domain;

/// <summary>预约接待: places offered on a planned reception day, booked once per phone, cancelled with the code.</summary>
public sealed class AppointmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static ReceptionDay Day(int? places, ReceptionDayType type = ReceptionDayType.Reception)
    {
        var day = ReceptionDay.Plan(1, new DateOnly(2026, 11, 25), type, type == ReceptionDayType.ThemedReception ? "主题" : null, null, null, [], Now);
        day.OfferAppointments(places, Now);
        return day;
    }

    [Fact]
    public void Places_are_booked_once_per_phone_until_full()
    {
        var day = Day(2);
        day.Book("刘阿姨", "+86 139-0000-1111", "暖气", "AAAABBBBCCCC", Now);
        Assert.Equal("13900001111", day.Appointments[0].Phone);
        Assert.Equal("ReceptionDay.AlreadyBooked", Assert.Throws<DomainRuleException>(() => day.Book("刘阿姨", "13900001111", "再约", "AAAABBBBCCCD", Now)).Rule);
        day.Book("王大爷", "13900002222", "停车", "AAAABBBBCCCE", Now);
        Assert.Equal("ReceptionDay.Full", Assert.Throws<DomainRuleException>(() => day.Book("张三", "13900003333", "路灯", "AAAABBBBCCCF", Now)).Rule);
        Assert.Equal("Request.OnlinePhoneRequired", Assert.Throws<DomainRuleException>(() => Day(5).Book("张三", "0451-5550000", "路灯", "AAAABBBBCCCF", Now)).Rule);
    }

    [Fact]
    public void A_booking_is_cancelled_with_its_code_and_the_last_four_digits_and_frees_the_place()
    {
        var day = Day(1);
        day.Book("刘阿姨", "13900001111", "暖气", "AAAABBBBCCCC", Now);
        Assert.False(day.CancelAppointment("AAAABBBBCCCC", "0000", Now));
        Assert.False(day.CancelAppointment("ZZZZBBBBCCCC", "1111", Now));
        Assert.True(day.CancelAppointment("AAAABBBBCCCC", "1111", Now));
        Assert.False(day.CancelAppointment("AAAABBBBCCCC", "1111", Now));
        Assert.Equal(0, day.PlacesTaken);
        day.Book("王大爷", "13900002222", "停车", "AAAABBBBCCCE", Now);
    }

    [Fact]
    public void Only_planned_reception_days_today_or_later_take_bookings_and_places_never_drop_below_bookings()
    {
        Assert.Equal("ReceptionDay.AppointmentsOnlyPlannedReception", Assert.Throws<DomainRuleException>(() => Day(5, ReceptionDayType.Training)).Rule);
        Assert.Throws<DomainRuleException>(() => Day(ReceptionDay.MaxAppointmentCapacity + 1));
        var day = Day(3);
        Assert.True(day.TakesAppointments(new DateOnly(2026, 11, 25)));
        Assert.False(day.TakesAppointments(new DateOnly(2026, 11, 26)));
        Assert.Equal("ReceptionDay.NotTakingAppointments", Assert.Throws<DomainRuleException>(() => day.Book("迟到", "13900001111", "x", "AAAABBBBCCCC", Now.AddDays(6))).Rule);
        day.Book("刘阿姨", "13900001111", "暖气", "AAAABBBBCCCC", Now);
        day.Book("王大爷", "13900002222", "停车", "AAAABBBBCCCE", Now);
        Assert.Equal("ReceptionDay.CapacityBelowBookings", Assert.Throws<DomainRuleException>(() => day.OfferAppointments(1, Now)).Rule);
        day.OfferAppointments(2, Now);
        day.Cancel("天气", Now);
        Assert.False(day.TakesAppointments(new DateOnly(2026, 11, 20)));
        Assert.False(day.CancelAppointment("AAAABBBBCCCC", "1111", Now));
        Assert.Null(Day(0).AppointmentCapacity);
    }
}
