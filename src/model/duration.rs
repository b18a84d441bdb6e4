//! Waits and service times, with the kind of day they are counted in.
//!
//! Statutory clocks count differently: the Child Welfare Act in working days, pupil welfare in
//! school days, health care in calendar days. A duration keeps the unit it was written in so that a
//! rule can be checked in its own unit, and converts to calendar days for flow arithmetic.

use serde::Serialize;

/// The kind of day a duration is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    /// Calendar days (written `…_days`).
    Calendar,
    /// Working days, Monday to Friday (written `…_working_days`; arkipäivä).
    Working,
    /// School working days (written `…_school_days`; koulupäivä).
    School,
}

impl DayUnit {
    /// Every unit, in the order its field-name suffix is tried.
    pub const ALL: [DayUnit; 3] = [DayUnit::Calendar, DayUnit::Working, DayUnit::School];

    /// The suffix of a field written in this unit (`wait` + `_days`).
    pub fn suffix(self) -> &'static str {
        match self {
            DayUnit::Calendar => "_days",
            DayUnit::Working => "_working_days",
            DayUnit::School => "_school_days",
        }
    }

    /// Calendar days per day of this unit: five working days make a week.
    pub fn calendar_factor(self) -> f64 {
        match self {
            DayUnit::Calendar => 1.0,
            DayUnit::Working | DayUnit::School => 7.0 / 5.0,
        }
    }
}

/// A non-negative length of time in some kind of day.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Duration {
    /// How many days.
    pub amount: f64,
    /// Which kind of day.
    pub unit: DayUnit,
}

impl Duration {
    /// `amount` calendar days.
    pub fn days(amount: f64) -> Self {
        Duration {
            amount,
            unit: DayUnit::Calendar,
        }
    }

    /// The duration in calendar days (working and school days count 7/5 each).
    pub fn calendar_days(self) -> f64 {
        self.amount * self.unit.calendar_factor()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_are_longer_in_calendar_days() {
        let d = Duration {
            amount: 5.0,
            unit: DayUnit::Working,
        };
        assert_eq!(d.calendar_days(), 7.0);
        assert_eq!(Duration::days(3.0).calendar_days(), 3.0);
    }
}
