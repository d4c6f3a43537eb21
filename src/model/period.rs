//! Stepping a date forward by a reporting period (format Part 2,
//! `report-overdue` and `partreg programme`): weeks as days, months as
//! calendar months clamped to the month's last day (31 January plus one
//! month is 28 or 29 February).
//!
//! Kept apart from [`super::date`] and small: the only arithmetic partreg
//! needs beyond comparing dates.

use super::{Date, Frequency};

/// The date `months` calendar months after `date`, clamped to the last day
/// of the month it lands in. `None` only beyond the year 9999.
pub fn add_months(date: Date, months: u32) -> Option<Date> {
    let index = i64::from(date.year()) * 12 + i64::from(date.month() - 1) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok().filter(|y| *y <= 9999)?;
    let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
    // Try the same day, then step back to the month's last day.
    (0..4).find_map(|back| Date::new(year, month, date.day().saturating_sub(back)))
}

/// The date `days` days after `date`; `None` outside the years 1000-9999.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    Date::from_days_since_epoch(days_since_epoch(date) + days)
}

/// Howard Hinnant's `days_from_civil`, the inverse of
/// [`Date::from_days_since_epoch`].
pub fn days_since_epoch(date: Date) -> i64 {
    let month = i64::from(date.month());
    let year = i64::from(date.year()) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(date.day()) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Frequency {
    /// The next date after `from` one period on: weekly 7 days, fortnightly
    /// 14, monthly 1 month, bimonthly 2, quarterly 3, half-yearly 6,
    /// annually 12. `None` for ad-hoc, which has no next date.
    pub fn next_after(self, from: Date) -> Option<Date> {
        match self {
            Frequency::Weekly => add_days(from, 7),
            Frequency::Fortnightly => add_days(from, 14),
            Frequency::Monthly => add_months(from, 1),
            Frequency::Bimonthly => add_months(from, 2),
            Frequency::Quarterly => add_months(from, 3),
            Frequency::HalfYearly => add_months(from, 6),
            Frequency::Annually => add_months(from, 12),
            Frequency::AdHoc => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(add_months(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
        assert_eq!(add_months(d(2028, 1, 31), 1), Some(d(2028, 2, 29)));
        assert_eq!(add_months(d(2026, 8, 31), 3), Some(d(2026, 11, 30)));
        assert_eq!(add_months(d(2026, 11, 15), 3), Some(d(2027, 2, 15)));
        assert_eq!(add_months(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
        assert_eq!(add_months(d(9999, 12, 1), 1), None);
    }

    #[test]
    fn days_round_trip_through_the_epoch() {
        for n in [-300_000, -1, 0, 1, 19_782, 20_422, 2_900_000] {
            assert_eq!(days_since_epoch(Date::from_days_since_epoch(n).unwrap()), n);
        }
        assert_eq!(add_days(d(2026, 12, 28), 7), Some(d(2027, 1, 4)));
        assert_eq!(add_days(d(2028, 2, 22), 14), Some(d(2028, 3, 7)));
        assert_eq!(add_days(d(9999, 12, 31), 1), None);
    }

    #[test]
    fn periods_follow_the_frequency() {
        let from = d(2026, 5, 31);
        assert_eq!(Frequency::Weekly.next_after(from), Some(d(2026, 6, 7)));
        assert_eq!(Frequency::Fortnightly.next_after(from), Some(d(2026, 6, 14)));
        assert_eq!(Frequency::Monthly.next_after(from), Some(d(2026, 6, 30)));
        assert_eq!(Frequency::Bimonthly.next_after(from), Some(d(2026, 7, 31)));
        assert_eq!(Frequency::Quarterly.next_after(from), Some(d(2026, 8, 31)));
        assert_eq!(Frequency::HalfYearly.next_after(from), Some(d(2026, 11, 30)));
        assert_eq!(Frequency::Annually.next_after(from), Some(d(2027, 5, 31)));
        assert_eq!(Frequency::AdHoc.next_after(from), None);
    }
}
