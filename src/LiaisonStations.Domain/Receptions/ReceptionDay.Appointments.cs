using LiaisonStations.Domain.Common;

namespace LiaisonStations.Domain.Receptions;

/// <summary>
/// 预约接待: on a planned reception day the station may offer places that citizens book online with their name,
/// phone and topic, and cancel with the code they were given. The clerk sets how many places there are.
/// </summary>
public sealed partial class ReceptionDay
{
    public const int MaxAppointmentCapacity = 200;

    private readonly List<Appointment> _appointments = [];

    /// <summary>预约名额: places citizens may book online; null when the day takes no bookings.</summary>
    public int? AppointmentCapacity { get; private set; }

    public IReadOnlyList<Appointment> Appointments => _appointments;

    public int PlacesTaken => _appointments.Count(a => a.CancelledAt is null);

    /// <summary>Sets the places offered (null or 0: none). Never fewer than are already booked.</summary>
    public void OfferAppointments(int? capacity, DateTimeOffset now)
    {
        var places = capacity is 0 ? null : capacity;
        Check.That(places is null || (IsReception && Status == ReceptionDayStatus.Planned), "ReceptionDay.AppointmentsOnlyPlannedReception");
        Check.That(places is null or > 0 and <= MaxAppointmentCapacity, "ReceptionDay.CapacityOutOfRange", MaxAppointmentCapacity);
        Check.That((places ?? 0) >= PlacesTaken, "ReceptionDay.CapacityBelowBookings", PlacesTaken);
        if (places != AppointmentCapacity)
        {
            AppointmentCapacity = places;
            UpdatedAt = ChinaTime.Utc(now);
        }
    }

    /// <summary>Whether citizens can book now: a planned reception with places, today or later.</summary>
    public bool TakesAppointments(DateOnly today) =>
        Status == ReceptionDayStatus.Planned && IsReception && AppointmentCapacity is not null && Date >= today;

    /// <summary>A citizen books a place. One place per mobile number on a day.</summary>
    public Appointment Book(string name, string phone, string topic, string code, DateTimeOffset now)
    {
        Check.That(TakesAppointments(ChinaTime.DateOf(now)), "ReceptionDay.NotTakingAppointments");
        Check.That(PlacesTaken < AppointmentCapacity, "ReceptionDay.Full");
        var mobile = PhoneNumber.NormalizeMobile(phone);
        Check.That(mobile is not null, "Request.OnlinePhoneRequired");
        Check.That(_appointments.All(a => a.CancelledAt is not null || a.Phone != mobile), "ReceptionDay.AlreadyBooked");
        Check.That(code.Length >= 12, "Request.TrackingCodeTooShort");
        var appointment = new Appointment(
            Check.Text(name, 50, "Appointment.NameRequired"), mobile!, Check.Text(topic, Appointment.MaxTopicLength, "Appointment.TopicRequired"), code, now);
        _appointments.Add(appointment);
        UpdatedAt = ChinaTime.Utc(now);
        return appointment;
    }

    /// <summary>The place this mobile number holds under this code (a booking form sent again finds what it booked).</summary>
    public Appointment? BookedUnder(string? phone, string code)
    {
        var mobile = PhoneNumber.NormalizeMobile(phone);
        return mobile is null ? null : _appointments.FirstOrDefault(a => a.CancelledAt is null && a.Phone == mobile && a.Code == code);
    }

    /// <summary>The citizen cancels with the code and the phone's last four digits; false when they do not match a booking.</summary>
    public bool CancelAppointment(string code, string lastFour, DateTimeOffset now)
    {
        // Only before the day: a booking of a day held or cancelled is history.
        var appointment = Status != ReceptionDayStatus.Planned ? null
            : _appointments.FirstOrDefault(a => a.Code == code && a.CancelledAt is null && a.Phone.EndsWith(lastFour, StringComparison.Ordinal) && lastFour.Length == 4);
        if (appointment is null)
        {
            return false;
        }

        appointment.CancelledAt = ChinaTime.Utc(now);
        UpdatedAt = ChinaTime.Utc(now);
        return true;
    }
}

/// <summary>A citizen's booked place on a reception day (预约).</summary>
public sealed class Appointment
{
    public const int MaxTopicLength = 200;

    internal Appointment(string name, string phone, string topic, string code, DateTimeOffset at)
    {
        Name = name;
        Phone = phone;
        Topic = topic;
        Code = code;
        BookedAt = ChinaTime.Utc(at);
    }

    private Appointment()
    {
        Name = Phone = Topic = Code = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The eleven digits of the citizen's mobile number.</summary>
    public string Phone { get; private set; }

    public string Topic { get; private set; }

    /// <summary>The code the citizen cancels with (shown once, like a request's 查询码).</summary>
    public string Code { get; private set; }

    public DateTimeOffset BookedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; internal set; }
}
