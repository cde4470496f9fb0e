namespace Oprel.Worker.Tests.Templates;

/// <summary>A clock stopped at one instant, in UTC, for <c>strftime_now</c>.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedClock March7th2025 = new(new DateTimeOffset(2025, 3, 7, 14, 5, 9, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
