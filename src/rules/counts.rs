//! The verdict and the counts of findings by severity, in one line of either language: the
//! command line, the picture, the report and the editor's status bar all print it from here.

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use super::{Finding, Severity};
use crate::i18n::{Lang, Text};

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub violation: usize,
    pub warning: usize,
    pub info: usize,
}

/// Whether a site passes: it does when no finding is a violation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
}

impl Verdict {
    pub const fn text(self) -> Text {
        match self {
            Verdict::Pass => Text::new("PASS", "通过"),
            Verdict::Fail => Text::new("FAIL", "不通过"),
        }
    }
}

impl Counts {
    /// Counts the findings.
    ///
    /// ```
    /// use sightline::i18n::Lang;
    /// use sightline::rules::{Counts, Verdict};
    /// let c = Counts { violation: 2, warning: 1, info: 0 };
    /// assert_eq!(c.verdict(), Verdict::Fail);
    /// assert_eq!(c.line(Lang::En), "2 violation(s), 1 warning(s), 0 info");
    /// assert_eq!(c.line(Lang::Zh), "2 项违规，1 项警告，0 项提示");
    /// ```
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Violation => c.violation += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }

    pub fn verdict(&self) -> Verdict {
        if self.violation == 0 {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    /// "2 violation(s), 1 warning(s), 0 info" / "2 项违规，1 项警告，0 项提示".
    pub fn line(&self, lang: Lang) -> String {
        let Counts {
            violation,
            warning,
            info,
        } = self;
        match lang {
            Lang::En => format!("{violation} violation(s), {warning} warning(s), {info} info"),
            Lang::Zh => format!("{violation} 项违规，{warning} 项警告，{info} 项提示"),
        }
    }

    /// The verdict and the counts: "PASS: 0 violation(s), …" / "通过：0 项违规，…". The verdict
    /// is given as shown (a terminal colours it).
    pub fn summary(&self, lang: Lang, verdict_shown: &str) -> String {
        match lang {
            Lang::En => format!("{verdict_shown}: {}", self.line(lang)),
            Lang::Zh => format!("{verdict_shown}：{}", self.line(lang)),
        }
    }

    /// The counts of one floor: "this floor: …" / "本层：…".
    pub fn floor_line(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("this floor: {}", self.line(lang)),
            Lang::Zh => format!("本层：{}", self.line(lang)),
        }
    }
}
