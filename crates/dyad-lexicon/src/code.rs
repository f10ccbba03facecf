//! Codes: actor codes, event codes, agent codes, and date-restricted code rules.
//!
//! Codes check their *syntax* on construction and print in the field's canonical form
//! (upper-case actor codes, zero-padded CAMEO event codes). Whether a code is *known* (in the
//! CAMEO tables) is a separate question this module does not answer.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A CAMEO actor code as the Phoenix dictionaries write it: one or more three-character
/// components, e.g. `MAR`, `MARGOV`, `IGOUNOREFHCR`, `NAFREB`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode(Box<str>);

impl ActorCode {
    /// Parses an actor code (case-insensitive; stored upper-case).
    pub fn new(text: &str) -> Result<ActorCode> {
        let bad = |why| Error::BadCode {
            kind: "actor",
            text: text.to_string(),
            why,
        };
        if text.is_empty() {
            return Err(bad("empty"));
        }
        if !text.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad("not letters and digits"));
        }
        if !text.len().is_multiple_of(3) {
            return Err(bad("length is not a multiple of 3"));
        }
        Ok(ActorCode(text.to_ascii_uppercase().into()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first three characters (a country, `IGO`, `NGO`, `IMG`, a region…).
    pub fn head(&self) -> &str {
        &self.0[..3]
    }

    /// The three-character components after the head (`MARGOVMIL` → `GOV`, `MIL`).
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.0
            .as_bytes()
            .chunks(3)
            .skip(1)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
    }

    /// This code followed by `suffix`'s components (`MAR` + `GOV` → `MARGOV`).
    pub fn with_suffix(&self, suffix: &str) -> ActorCode {
        ActorCode(format!("{}{}", self.0, suffix).into())
    }

    /// Whether `self` equals `prefix` or extends it (`MARGOV` starts with `MAR`), by components.
    pub fn extends(&self, prefix: &ActorCode) -> bool {
        self.0.starts_with(&*prefix.0)
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActorCode({})", self.0)
    }
}

impl FromStr for ActorCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<ActorCode> {
        ActorCode::new(s)
    }
}

/// A CAMEO event code in canonical form: three or four digits, zero-padded (`010`, `042`,
/// `0331`, `1722`), or three digits and a letter, the variant codes of PETRARCH's validation
/// dictionaries (`075A`, `174L`; written in upper case).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// Parses an event code. Two-digit root codes are padded (`01` → `010`).
    pub fn new(text: &str) -> Result<CameoCode> {
        let bad = |why| Error::BadCode {
            kind: "event",
            text: text.to_string(),
            why,
        };
        let b = text.as_bytes();
        if b.len() == 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3].is_ascii_alphabetic() {
            let digits = [b[0], b[1], b[2], b[3].to_ascii_uppercase()];
            return Ok(CameoCode { digits, len: 4 });
        }
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("not digits"));
        }
        let mut digits = [b'0'; 4];
        let len = match text.len() {
            2 => {
                digits[..2].copy_from_slice(text.as_bytes());
                3
            }
            3 | 4 => {
                digits[..text.len()].copy_from_slice(text.as_bytes());
                text.len()
            }
            _ => return Err(bad("expected 2 to 4 digits")),
        };
        Ok(CameoCode {
            digits,
            len: len as u8,
        })
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and letters are ever stored.
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or("")
    }

    /// The root code, `01`…`20`.
    pub fn root(&self) -> &str {
        &self.as_str()[..2]
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl FromStr for CameoCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<CameoCode> {
        CameoCode::new(s)
    }
}

/// Where an agent's code goes relative to the actor it qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPosition {
    /// `[~GOV]`: appended to the actor code (`MAR` → `MARGOV`).
    Suffix,
    /// `[NGO~]`: placed before the actor code (organisations).
    Prefix,
}

/// An agent code such as `~GOVMIL` or `NGO~`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgentCode {
    /// The role components, e.g. `GOVMIL`; a multiple of three characters.
    pub roles: ActorCode,
    /// Whether the roles follow or precede the actor's code.
    pub position: AgentPosition,
}

impl AgentCode {
    /// Parses `~GOV` or `NGO~` (with or without brackets already removed).
    pub fn new(text: &str) -> Result<AgentCode> {
        let bad = |why| Error::BadCode {
            kind: "agent",
            text: text.to_string(),
            why,
        };
        let (roles, position) = if let Some(r) = text.strip_prefix('~') {
            (r, AgentPosition::Suffix)
        } else if let Some(r) = text.strip_suffix('~') {
            (r, AgentPosition::Prefix)
        } else {
            return Err(bad("expected '~' before or after the code"));
        };
        let roles = ActorCode::new(roles).map_err(|_| bad("roles are not 3-letter components"))?;
        Ok(AgentCode { roles, position })
    }

    /// The first role (`~GOVMIL` → `GOV`).
    pub fn primary(&self) -> &str {
        self.roles.head()
    }
}

impl fmt::Display for AgentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            AgentPosition::Suffix => write!(f, "~{}", self.roles),
            AgentPosition::Prefix => write!(f, "{}~", self.roles),
        }
    }
}

/// The event codes a verb or pattern assigns: `[042]`, `[042:043]` (two-way: the second is
/// the code of the reverse direction), `[:043]`, or the null code `[---]` (no event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct EventCodes {
    /// The code, or `None` for the null code `---`.
    pub primary: Option<CameoCode>,
    /// The second code of a two-way pattern.
    pub secondary: Option<CameoCode>,
}

impl EventCodes {
    /// Parses the inside of `[...]`.
    pub fn new(text: &str) -> Result<EventCodes> {
        let text = text.trim();
        let one = |s: &str| -> Result<Option<CameoCode>> {
            let s = s.trim();
            if s.is_empty() || s == "---" {
                Ok(None)
            } else {
                CameoCode::new(s).map(Some)
            }
        };
        match text.split_once(':') {
            Some((a, b)) => Ok(EventCodes {
                primary: one(a)?,
                secondary: one(b)?,
            }),
            None => Ok(EventCodes {
                primary: one(text)?,
                secondary: None,
            }),
        }
    }
}

impl fmt::Display for EventCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.primary {
            Some(c) => write!(f, "{c}")?,
            None => f.write_str("---")?,
        }
        if let Some(c) = self.secondary {
            write!(f, ":{c}")?;
        }
        Ok(())
    }
}

/// A calendar date as the dictionaries write it, stored as `YYYYMMDD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DictDate(u32);

impl DictDate {
    /// The same day a year before (29 February stays a valid bound for comparisons).
    pub fn year_before(self) -> DictDate {
        DictDate(self.0.saturating_sub(10_000))
    }

    /// Parses `YYMMDD` or `YYYYMMDD`. Two-digit years below 30 are 20YY, the rest 19YY (the
    /// dictionaries' leaders begin in the 1900s).
    pub fn parse(text: &str) -> Result<DictDate> {
        let bad = || Error::BadDate(text.to_string());
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u32 = text.parse().map_err(|_| bad())?;
        let full = match text.len() {
            6 => {
                let yy = n / 10_000;
                let century = if yy < 30 { 2000 } else { 1900 };
                (century + yy) * 10_000 + n % 10_000
            }
            8 => n,
            _ => return Err(bad()),
        };
        let (m, d) = (full / 100 % 100, full % 100);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return Err(bad());
        }
        Ok(DictDate(full))
    }

    /// From a civil date.
    pub fn from_civil(date: jiff::civil::Date) -> DictDate {
        DictDate(date.year() as u32 * 10_000 + date.month() as u32 * 100 + date.day() as u32)
    }

    /// The date as the number `YYYYMMDD`.
    pub fn as_u32(self) -> u32 {
        self.0
    }
}

impl From<jiff::civil::Date> for DictDate {
    fn from(date: jiff::civil::Date) -> DictDate {
        DictDate::from_civil(date)
    }
}

impl fmt::Display for DictDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08}", self.0)
    }
}

/// When a code applies. Limits are inclusive, as in PETRARCH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRange {
    /// Always (a default code).
    Always,
    /// `<date`: on or before.
    Before(DictDate),
    /// `>date`: on or after.
    After(DictDate),
    /// `date-date`: between, inclusive.
    Between(DictDate, DictDate),
}

impl DateRange {
    /// Parses the restriction part of `[CODE restriction]` (`>990723`, `<950601`,
    /// `740101-000101`; spaces after `<`/`>` and around `-` are tolerated).
    pub fn parse(text: &str) -> Result<DateRange> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(DateRange::Always);
        }
        if let Some(d) = t.strip_prefix('<') {
            return Ok(DateRange::Before(DictDate::parse(d.trim())?));
        }
        if let Some(d) = t.strip_prefix('>') {
            return Ok(DateRange::After(DictDate::parse(d.trim())?));
        }
        match t.split_once('-') {
            Some((a, b)) => Ok(DateRange::Between(
                DictDate::parse(a.trim())?,
                DictDate::parse(b.trim())?,
            )),
            None => Err(Error::BadDate(t.to_string())),
        }
    }

    /// Whether `date` falls in the range.
    pub fn contains(&self, date: DictDate) -> bool {
        match *self {
            DateRange::Always => true,
            DateRange::Before(d) => date <= d,
            DateRange::After(d) => date >= d,
            DateRange::Between(a, b) => a <= date && date <= b,
        }
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateRange::Always => Ok(()),
            DateRange::Before(d) => write!(f, "<{d}"),
            DateRange::After(d) => write!(f, ">{d}"),
            DateRange::Between(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

/// One `[CODE restriction]` of an actor entry. `code` is `None` for the null code `---`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DatedCode {
    /// The code, or `None` for `---` (the phrase names no actor at that time).
    pub code: Option<ActorCode>,
    /// When it applies.
    pub range: DateRange,
}

impl DatedCode {
    /// Parses the inside of `[...]`: `MARGOV >990723`, `MUSELI 740101-000101`, `---`, `MAR`.
    pub fn parse(text: &str) -> Result<DatedCode> {
        let t = text.trim();
        let (code, rest) = match t.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
            Some(i) => (&t[..i], &t[i..]),
            None => (t, ""),
        };
        // `---` and TABARI's `###` (a discard marker there) name no actor.
        let code = if code.bytes().all(|b| b == b'-') && !code.is_empty() {
            None
        } else {
            Some(ActorCode::new(code)?)
        };
        Ok(DatedCode {
            code,
            range: DateRange::parse(rest)?,
        })
    }
}

impl fmt::Display for DatedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(c) => write!(f, "{c}")?,
            None => f.write_str("---")?,
        }
        if self.range != DateRange::Always {
            write!(f, " {}", self.range)?;
        }
        Ok(())
    }
}

/// The code rules of an actor entry, tried in order; the first whose range contains the date
/// wins, else the default (the last rule without a date), else no code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct CodeRules {
    /// Rules as written.
    pub rules: Vec<DatedCode>,
}

impl CodeRules {
    /// The code at `date`: `Some(None)` is an explicit null code.
    pub fn at(&self, date: DictDate) -> Option<&ActorCode> {
        self.rules
            .iter()
            .find(|r| r.range != DateRange::Always && r.range.contains(date))
            .or_else(|| {
                self.rules
                    .iter()
                    .rev()
                    .find(|r| r.range == DateRange::Always)
            })
            .and_then(|r| r.code.as_ref())
    }

    /// The default code (date-free), if any.
    pub fn default_code(&self) -> Option<&ActorCode> {
        self.rules
            .iter()
            .rev()
            .find(|r| r.range == DateRange::Always)
            .and_then(|r| r.code.as_ref())
    }
}

impl fmt::Display for CodeRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.rules.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "[{r}]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DictDate {
        DictDate::parse(s).unwrap()
    }

    #[test]
    fn actor_codes_check_syntax() {
        assert_eq!(ActorCode::new("pse").unwrap().as_str(), "PSE");
        assert!(ActorCode::new("MARGO").is_err());
        assert!(ActorCode::new("MAR GOV").is_err());
        let c = ActorCode::new("MARGOVMIL").unwrap();
        assert_eq!(c.roles().collect::<Vec<_>>(), ["GOV", "MIL"]);
        assert!(c.extends(&ActorCode::new("MAR").unwrap()));
    }

    #[test]
    fn event_codes_are_zero_padded() {
        assert_eq!(CameoCode::new("01").unwrap().as_str(), "010");
        assert_eq!(CameoCode::new("0331").unwrap().root(), "03");
        assert!(CameoCode::new("99999").is_err());
        assert!(CameoCode::new("12a").is_err());
        assert_eq!(CameoCode::new("174l").unwrap().as_str(), "174L");
        assert_eq!(CameoCode::new("075A").unwrap().root(), "07");
        assert!(CameoCode::new("07A5").is_err());
        assert!(CameoCode::new("1234A").is_err());
        let two = EventCodes::new("042:043").unwrap();
        assert_eq!(two.to_string(), "042:043");
        assert_eq!(EventCodes::new("---").unwrap().primary, None);
        assert_eq!(
            EventCodes::new(":1722")
                .unwrap()
                .secondary
                .unwrap()
                .as_str(),
            "1722"
        );
    }

    #[test]
    fn two_digit_years_pivot_at_30() {
        assert_eq!(d("990723").as_u32(), 19990723);
        assert_eq!(d("000101").as_u32(), 20000101);
        assert_eq!(d("18970101").as_u32(), 18970101);
        assert!(DictDate::parse("991323").is_err());
    }

    #[test]
    fn dated_codes_resolve_by_date() {
        // Mohammed VI: [MARELI 810101-000101] [MARGOV >990723] [MARELI]
        let rules = CodeRules {
            rules: ["MARELI 810101-000101", "MARGOV >990723", "MARELI"]
                .iter()
                .map(|s| DatedCode::parse(s).unwrap())
                .collect(),
        };
        assert_eq!(rules.at(d("19850101")).unwrap().as_str(), "MARELI");
        // Both the first and second rules cover 1999-08-01: the first written wins.
        assert_eq!(rules.at(d("19990801")).unwrap().as_str(), "MARELI");
        assert_eq!(rules.at(d("20240101")).unwrap().as_str(), "MARGOV");
        assert_eq!(rules.at(d("19700101")).unwrap().as_str(), "MARELI");
        let null = DatedCode::parse("--- <950601").unwrap();
        assert_eq!(null.code, None);
        assert_eq!(
            DatedCode::parse("HOB < 950601").unwrap().range,
            DateRange::Before(d("950601"))
        );
    }
}
