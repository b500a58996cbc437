/**
 * When the desk is open, and what a due time is.
 *
 * <p>Policy R14 gives each severity its service hours: severity 1 is worked 24x7x365 ({@link
 * io.guichet.core.calendar.AlwaysOpen}), severities 2 to 4 during business hours ({@link
 * io.guichet.core.calendar.BusinessCalendar}). The initial-response and follow-up targets of R15 and R16 are
 * amounts of <em>open</em> time, turned into due instants by {@link
 * io.guichet.core.calendar.ServiceCalendar#addOpenTime}. Hours, days and holidays are settings (R22), parsed from
 * configuration strings by {@link io.guichet.core.calendar.WeeklySchedule#parse} and {@link
 * io.guichet.core.calendar.Holidays#parse}.
 *
 * <p>Nothing here reads the system clock: every method takes the instants it works on.
 */
package io.guichet.core.calendar;
