//! CAMEO actor codes split into GDELT's actor attribute columns.
//!
//! A CAMEO actor code is a run of three-letter codes (CAMEO manual, chapter on actors; the
//! Phoenix dictionaries follow it): first the country (ISO 3166 alpha-3), a region (`AFR`,
//! `WST`) or a generic international code (`IGO`, `NGO`, `MNC`…), then role codes (`GOV`,
//! `MIL`, `OPP`…), religions (`MOS`, `CHR`, with a denomination after them: `CHRCTH`) and
//! denominations after a religion (`CTH`, `SHI`), the three-letter code of a known group (`IGOUNO` → the UN). GDELT spreads them over
//! `CountryCode`, `KnownGroupCode`, `EthnicCode`, `Religion1Code`, `Religion2Code` and
//! `Type1Code`…`Type3Code`; [`ActorParts::split`] does the same:
//!
//! | code | country | known group | religion 1, 2 | types |
//! |---|---|---|---|---|
//! | `MARGOV` | `MAR` | | | `GOV` |
//! | `IGOWSTNAT` | `WST` | `NAT` | | `IGO` |
//! | `USAMILCHRCTH` | `USA` | | `CHR`, `CTH` | `MIL` |
//! | `IMGMUSALQ` | | `ALQ` | `MUS` | `IMG` |
//!
//! Ethnic codes are written in lower case in CAMEO's ethnic list (`kur`); a lower-case
//! three-letter part is read as one. Parts that fit nowhere stay in the full code only.

/// CAMEO role codes (domestic primary, secondary and tertiary roles, the generic
/// international codes) and the Phoenix additions (`REL` religious, `PTY` party, `PRE`,
/// `PRM`).
pub const ROLE_CODES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS", "REL", "PTY", "PRE", "PRM",
];

/// The codes that may begin an international actor's code instead of a country.
pub const INTERNATIONAL_CODES: &[&str] = &["IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS"];

/// CAMEO region codes, which GDELT writes in the country column.
pub const REGION_CODES: &[&str] = &[
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
];

/// First-level codes of CAMEO's religious classification (named religions and families), with
/// `MUS`, the Phoenix dictionaries' code for Islam.
pub const RELIGION_CODES: &[&str] = &[
    "ATH", "BAH", "BUD", "CHR", "CON", "HIN", "JAN", "JEW", "MOS", "MUS", "SHN", "SIK", "TAO",
    "ABR", "ADR", "EAR", "INR", "IRR", "ITR", "NRM",
];

/// Denominations written after a religion (`CHRCTH`, `MOSSHI`): GDELT's second religion code.
pub const DENOMINATION_CODES: &[&str] = &["CTH", "PRO", "ORT", "ANG", "EVA", "SHI", "SUN", "SFI"];

/// GDELT's attribute columns of one actor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorParts<'a> {
    /// Country or region (`Actor1CountryCode`).
    pub country: &'a str,
    /// Known group (`Actor1KnownGroupCode`).
    pub known_group: &'a str,
    /// Ethnic group (`Actor1EthnicCode`).
    pub ethnic: &'a str,
    /// Religion (`Actor1Religion1Code`).
    pub religion1: &'a str,
    /// Denomination or second religion (`Actor1Religion2Code`).
    pub religion2: &'a str,
    /// Role and international type codes, at most three (`Actor1Type1Code`…).
    pub types: [&'a str; 3],
}

impl<'a> ActorParts<'a> {
    /// Splits `code`; `is_country` says whether a three-letter code names a country (an ISO
    /// alpha-3 code or CAMEO's `KOS`).
    pub fn split(code: &'a str, is_country: impl Fn(&str) -> bool) -> ActorParts<'a> {
        let mut parts = ActorParts::default();
        let mut ntypes = 0;
        let mut after_religion = false;
        let chunks = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3));
        for (i, chunk) in chunks.enumerate() {
            let is_role = ROLE_CODES.contains(&chunk);
            let religion_here = after_religion;
            after_religion = false;
            if i == 0 && (is_country(chunk) || REGION_CODES.contains(&chunk)) {
                parts.country = chunk;
            } else if is_role && (i == 0 || !INTERNATIONAL_CODES.contains(&chunk) || ntypes == 0) {
                if ntypes < 3 {
                    parts.types[ntypes] = chunk;
                    ntypes += 1;
                }
            } else if parts.religion1.is_empty() && RELIGION_CODES.contains(&chunk) {
                // After the first part a religion wins over a country with the same code
                // (`MUS`: Islam in Phoenix's agents, Mauritius as a country).
                parts.religion1 = chunk;
                after_religion = true;
            } else if parts.country.is_empty()
                && (is_country(chunk) || REGION_CODES.contains(&chunk))
            {
                parts.country = chunk;
            } else if religion_here
                && parts.religion2.is_empty()
                && DENOMINATION_CODES.contains(&chunk)
            {
                parts.religion2 = chunk;
            } else if chunk.bytes().all(|b| b.is_ascii_lowercase()) && parts.ethnic.is_empty() {
                parts.ethnic = chunk;
            } else if parts.known_group.is_empty() && !is_role && !is_country(chunk) {
                parts.known_group = chunk;
            }
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::ActorParts;

    fn is_country(c: &str) -> bool {
        ["MAR", "USA", "DZA", "MUS", "CHN", "HKG", "KOS"].contains(&c)
    }

    fn split(code: &str) -> ActorParts<'_> {
        ActorParts::split(code, is_country)
    }

    #[test]
    fn country_and_roles() {
        let p = split("MARGOV");
        assert_eq!((p.country, p.types), ("MAR", ["GOV", "", ""]));
        let p = split("USAGOVMILLEG");
        assert_eq!(p.types, ["GOV", "MIL", "LEG"]);
        assert_eq!(
            split("DZA"),
            ActorParts {
                country: "DZA",
                ..Default::default()
            }
        );
    }

    #[test]
    fn international_codes_known_groups_and_regions() {
        let p = split("IGOUNO");
        assert_eq!((p.country, p.known_group, p.types[0]), ("", "UNO", "IGO"));
        let p = split("IGOWSTNAT");
        assert_eq!(
            (p.country, p.known_group, p.types[0]),
            ("WST", "NAT", "IGO")
        );
        let p = split("MNCUSAMED");
        assert_eq!((p.country, p.types), ("USA", ["MNC", "MED", ""]));
        let p = split("MNCCHNHKG");
        assert_eq!((p.country, p.known_group), ("CHN", ""));
    }

    #[test]
    fn religions_and_ethnic_groups() {
        let p = split("USAMILCHRCTH");
        assert_eq!(
            (p.religion1, p.religion2, p.types[0]),
            ("CHR", "CTH", "MIL")
        );
        // MUS is Mauritius first, Islam after a country or a role.
        assert_eq!(split("MUSGOV").country, "MUS");
        let p = split("IMGMUSALQ");
        assert_eq!(
            (p.religion1, p.religion2, p.known_group),
            ("MUS", "", "ALQ")
        );
        let p = split("REBMUSRAD");
        assert_eq!((p.religion1, p.types), ("MUS", ["REB", "RAD", ""]));
        let p = split("IRQkurREB");
        assert_eq!((p.ethnic, p.types[0]), ("kur", "REB"));
    }
}
