//! The words the tagger knows, in folded form (lower case, no diacritics), for English,
//! French and Spanish.

use crate::value::{Modifier, Season, Unit};

/// The language a calendar word belongs to: English names must be capitalised to count,
/// French and Spanish ones (lower-case in running text) need a number beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Fr,
    Es,
}

/// A month name: number, language, and whether it is an English abbreviation.
pub(crate) fn month(w: &str) -> Option<(i8, Lang, bool)> {
    use Lang::*;
    Some(match w {
        "january" => (1, En, false),
        "february" => (2, En, false),
        "march" => (3, En, false),
        "april" => (4, En, false),
        "may" => (5, En, false),
        "june" => (6, En, false),
        "july" => (7, En, false),
        "august" => (8, En, false),
        "september" => (9, En, false),
        "october" => (10, En, false),
        "november" => (11, En, false),
        "december" => (12, En, false),
        "jan" => (1, En, true),
        "feb" => (2, En, true),
        "mar" => (3, En, true),
        "apr" => (4, En, true),
        "jun" => (6, En, true),
        "jul" => (7, En, true),
        "aug" => (8, En, true),
        "sep" | "sept" => (9, En, true),
        "oct" => (10, En, true),
        "nov" => (11, En, true),
        "dec" => (12, En, true),
        "janvier" => (1, Fr, false),
        "fevrier" => (2, Fr, false),
        "mars" => (3, Fr, false),
        "avril" => (4, Fr, false),
        "mai" => (5, Fr, false),
        "juin" => (6, Fr, false),
        "juillet" => (7, Fr, false),
        "aout" => (8, Fr, false),
        "septembre" => (9, Fr, false),
        "octobre" => (10, Fr, false),
        "novembre" => (11, Fr, false),
        "decembre" => (12, Fr, false),
        "enero" => (1, Es, false),
        "febrero" => (2, Es, false),
        "marzo" => (3, Es, false),
        "abril" => (4, Es, false),
        "mayo" => (5, Es, false),
        "junio" => (6, Es, false),
        "julio" => (7, Es, false),
        "agosto" => (8, Es, false),
        "septiembre" | "setiembre" => (9, Es, false),
        "octubre" => (10, Es, false),
        "noviembre" => (11, Es, false),
        "diciembre" => (12, Es, false),
        _ => return None,
    })
}

/// A weekday name: ISO number (1 = Monday) and language.
pub(crate) fn weekday(w: &str) -> Option<(i8, Lang)> {
    use Lang::*;
    Some(match w {
        "monday" => (1, En),
        "tuesday" => (2, En),
        "wednesday" => (3, En),
        "thursday" => (4, En),
        "friday" => (5, En),
        "saturday" => (6, En),
        "sunday" => (7, En),
        "lundi" => (1, Fr),
        "mardi" => (2, Fr),
        "mercredi" => (3, Fr),
        "jeudi" => (4, Fr),
        "vendredi" => (5, Fr),
        "samedi" => (6, Fr),
        "dimanche" => (7, Fr),
        "lunes" => (1, Es),
        "martes" => (2, Es),
        "miercoles" => (3, Es),
        "jueves" => (4, Es),
        "viernes" => (5, Es),
        "sabado" => (6, Es),
        "domingo" => (7, Es),
        _ => return None,
    })
}

/// A number word; `Some(None)` for a vague quantity (`several`, `many`).
pub(crate) fn cardinal(w: &str) -> Option<Option<u32>> {
    Some(Some(match w {
        "a" | "an" | "one" | "un" | "une" | "uno" | "una" => 1,
        "two" | "deux" | "dos" => 2,
        "three" | "trois" | "tres" => 3,
        "four" | "quatre" | "cuatro" => 4,
        "five" | "cinq" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "sept" | "siete" => 7,
        "eight" | "huit" | "ocho" => 8,
        "nine" | "neuf" | "nueve" => 9,
        "ten" | "dix" | "diez" => 10,
        "eleven" | "onze" | "once" => 11,
        "twelve" | "douze" | "doce" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" | "quinze" | "quince" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" | "vingt" | "veinte" => 20,
        "thirty" | "trente" | "treinta" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "several" | "many" | "few" | "plusieurs" | "varios" | "varias" | "numerous" => {
            return Some(None);
        }
        _ => return None,
    }))
}

/// A unit word: unit and how many of it one counts (a decade is ten years).
pub(crate) fn unit(w: &str) -> Option<(Unit, u32)> {
    Some(match w {
        "hour" | "hours" | "heure" | "heures" | "hora" | "horas" => (Unit::Hour, 1),
        "day" | "days" | "jour" | "jours" | "dia" | "dias" => (Unit::Day, 1),
        "week" | "weeks" | "semaine" | "semaines" | "semana" | "semanas" => (Unit::Week, 1),
        "fortnight" => (Unit::Week, 2),
        "month" | "months" | "mois" | "mes" | "meses" => (Unit::Month, 1),
        "year" | "years" | "an" | "ans" | "annee" | "annees" | "ano" | "anos" => (Unit::Year, 1),
        "decade" | "decades" | "decennie" | "decennies" | "decada" | "decadas" => (Unit::Year, 10),
        "century" | "centuries" => (Unit::Year, 100),
        _ => return None,
    })
}

/// An ordinal word or numeral for quarters and halves (`second`, `2nd`).
pub(crate) fn ordinal(w: &str) -> Option<i8> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" | "final" => 4,
        _ => return None,
    })
}

/// A season word and whether it is ambiguous alone (`fall`, `spring`).
pub(crate) fn season(w: &str) -> Option<(Season, bool)> {
    Some(match w {
        "spring" => (Season::Spring, true),
        "printemps" | "primavera" => (Season::Spring, false),
        "summer" | "ete" | "verano" => (Season::Summer, false),
        "autumn" | "automne" | "otono" => (Season::Autumn, false),
        "fall" => (Season::Autumn, true),
        "winter" | "hiver" | "invierno" => (Season::Winter, false),
        _ => return None,
    })
}

/// A fuzzy part word that precedes a period (`early`, `mid`, `fin`, `principios`).
pub(crate) fn part(w: &str) -> Option<Modifier> {
    Some(match w {
        "early" | "debut" | "principios" | "comienzos" | "inicios" => Modifier::Early,
        "mid" | "mi" | "mediados" => Modifier::Mid,
        "late" | "fin" | "finales" | "fines" => Modifier::Late,
        _ => return None,
    })
}

/// A quantity qualifier before a duration (`more than`, `about`); the second value is the
/// word that must follow (`than`), if any.
pub(crate) fn qualifier(w: &str) -> Option<(Modifier, Option<&'static str>)> {
    Some(match w {
        "more" => (Modifier::MoreThan, Some("than")),
        "less" | "fewer" => (Modifier::LessThan, Some("than")),
        "over" => (Modifier::MoreThan, None),
        "nearly" | "almost" => (Modifier::LessThan, None),
        "about" | "around" | "approximately" | "roughly" | "some" => (Modifier::Approx, None),
        "at" => (Modifier::AtLeast, Some("least")),
        _ => return None,
    })
}

/// Words that make a following bare year or month a date (`in 2022`, `since January`).
pub(crate) fn is_time_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "during"
            | "before"
            | "after"
            | "of"
            | "for"
            | "through"
            | "throughout"
            | "between"
            | "to"
            | "and"
            | "year"
            | "en"
            | "depuis"
            | "desde"
            | "hasta"
            | "jusqu"
            | "durante"
            | "de"
            | "del"
            | "o"
            | "or"
            | "circa"
    )
}

/// Nouns after which a number is an identifier, not a year (`Resolution 2021`, `No. 2015`).
pub(crate) fn is_identifier_noun(w: &str) -> bool {
    matches!(
        w,
        "resolution"
            | "resolutions"
            | "article"
            | "articles"
            | "law"
            | "decree"
            | "no"
            | "number"
            | "nos"
            | "flight"
            | "route"
            | "room"
            | "page"
            | "pages"
            | "paragraph"
            | "chapter"
            | "section"
            | "item"
            | "bill"
            | "code"
            | "version"
            | "model"
            | "box"
            | "suite"
            | "resolucion"
            | "loi"
            | "ley"
            | "decret"
            | "decreto"
            | "dahir"
            | "tel"
            | "phone"
            | "fax"
    )
}

/// Sentence-final abbreviations: a full stop after them does not end a sentence.
pub(crate) fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "maj"
            | "capt"
            | "gov"
            | "sen"
            | "rep"
            | "no"
            | "vs"
            | "etc"
            | "u"
            | "s"
            | "d"
            | "c"
            | "m"
            | "mme"
            | "sr"
            | "sra"
    ) || w.chars().count() == 1
}

/// The tense a word marks, for the tense heuristic: `Some(true)` future, `Some(false)` past.
pub(crate) fn tense_word(w: &str) -> Option<bool> {
    match w {
        "will" | "ll" | "shall" | "upcoming" | "scheduled" | "expected" | "plans" | "plan"
        | "planned" | "due" | "tomorrow" | "next" | "forthcoming" | "intends" | "prochain"
        | "prochaine" | "va" | "vont" | "sera" | "seront" | "aura" | "auront" | "proximo"
        | "proxima" | "van" | "sera'" | "manana" | "demain" | "prevu" | "prevue" => Some(true),
        "said" | "was" | "were" | "had" | "did" | "met" | "held" | "told" | "took" | "went"
        | "came" | "gave" | "made" | "began" | "begun" | "spoke" | "saw" | "left" | "led"
        | "won" | "lost" | "fought" | "sent" | "broke" | "fell" | "ago" | "yesterday" | "last"
        | "earlier" | "previously" | "hit" | "killed" | "announced" | "signed" | "hosted"
        | "ont" | "avait" | "avaient" | "etait" | "etaient" | "fut" | "hier" | "dernier"
        | "derniere" | "dijo" | "fue" | "fueron" | "hizo" | "pasado" | "pasada" | "ayer"
        | "habia" | "ha" | "han" | "has" | "have" => Some(false),
        _ => {
            let n = w.len();
            if n > 4
                && w.ends_with("ed")
                && !matches!(
                    w,
                    "need"
                        | "indeed"
                        | "hundred"
                        | "united"
                        | "based"
                        | "armed"
                        | "proceed"
                        | "succeed"
                        | "exceed"
                        | "related"
                        | "concerned"
                )
            {
                Some(false)
            } else {
                None
            }
        }
    }
}

/// Whether a word can begin a temporal expression: the tagger tries its rules only at such
/// words (and at numbers), which skips most of the text at the cost of one lookup.
pub(crate) fn may_start(w: &str) -> bool {
    month(w).is_some()
        || weekday(w).is_some()
        || cardinal(w).is_some()
        || unit(w).is_some()
        || ordinal(w).is_some()
        || season(w).is_some()
        || part(w).is_some()
        || qualifier(w).is_some()
        || matches!(
            w,
            // openers of ranges, sets, `ago` forms, ages
            "from" | "du" | "desde" | "between" | "entre" | "every" | "each" | "chaque" | "cada"
                | "il" | "hace" | "in" | "aged" | "age"
                // fuzzy parts
                | "end" | "beginning" | "start" | "middle"
                // relative words and articles before them
                | "today" | "tonight" | "hoy" | "yesterday" | "hier" | "ayer" | "tomorrow"
                | "demain" | "manana" | "aujourd" | "earlier" | "later" | "the" | "la" | "le"
                | "el" | "l" | "this" | "cette" | "ce" | "cet" | "esta" | "este" | "last"
                | "next" | "coming" | "proxima" | "proximo" | "weekend" | "quarter" | "night"
                | "morning" | "afternoon" | "evening" | "q" | "h"
                // frequency adverbs
                | "annually" | "yearly" | "annuellement" | "anualmente" | "monthly"
                | "mensuellement" | "mensualmente" | "weekly" | "hebdomadaire" | "semanalmente"
                | "daily" | "quotidiennement" | "diariamente"
        )
}
