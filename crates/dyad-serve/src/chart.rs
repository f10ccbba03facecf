//! SVG timelines of a dyad: one panel per direction, stacked bars per QuadClass and a line of the
//! mean Goldstein score.
//!
//! The chart is drawn from a [`ChartSeries`] (periods × directions × QuadClass counts), so it can
//! be tested without a store. Every bar group carries `data-` attributes (period, direction, the
//! four counts) and is focusable, so the web page inlines this very SVG and makes its bars
//! clickable and keyboard-usable, and the browser test reads the counts back from the page.

use std::fmt::Write;

/// The four GDELT QuadClasses, in order 1–4.
pub const QUAD_CLASSES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// Colours of the four QuadClasses: the Okabe–Ito palette (safe for the common colour-vision
/// deficiencies): blue, bluish green, orange, vermilion.
pub const QUAD_COLOURS: [&str; 4] = ["#0072B2", "#009E73", "#E69F00", "#D55E00"];

/// The colour of the Goldstein line (Okabe–Ito black).
const GOLDSTEIN_COLOUR: &str = "#000000";

/// The counts of one direction of a dyad ("MAR → MRT").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DirectionSeries {
    /// The source actor's code.
    pub source: String,
    /// The target actor's code.
    pub target: String,
    /// Per period, the counts of QuadClass 1–4.
    pub quad_counts: Vec<[u64; 4]>,
    /// Per period, the mean Goldstein score (`None` when the period has no scored event).
    pub goldstein_mean: Vec<Option<f64>>,
}

/// One period of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartPeriod {
    /// Its label (`2022-05`, `2022-W21`, `2022`).
    pub label: String,
    /// Its first day (`2022-05-01`).
    pub from: String,
    /// Its last day (`2022-05-31`).
    pub to: String,
}

/// A dyad's timeline: the periods and both directions, zero-filled (every period present).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartSeries {
    /// The periods, in order.
    pub periods: Vec<ChartPeriod>,
    /// What the bars count (`events` or `clusters`).
    pub unit: String,
    /// The two directions, a → b then b → a.
    pub directions: [DirectionSeries; 2],
}

/// Layout constants (pixels of the SVG user space).
const WIDTH: f64 = 960.0;
const PANEL_HEIGHT: f64 = 220.0;
const MARGIN_LEFT: f64 = 48.0;
const MARGIN_RIGHT: f64 = 48.0;
const MARGIN_TOP: f64 = 28.0;
const PANEL_GAP: f64 = 56.0;
const LEGEND_HEIGHT: f64 = 60.0;

/// Escapes text for SVG/XML content and attribute values.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A "nice" upper bound for an axis whose largest value is `max` (1, 2, 5 × 10ⁿ).
fn nice_ceiling(max: u64) -> u64 {
    if max <= 1 {
        return 1;
    }
    let mut step = 1u64;
    loop {
        for m in [1, 2, 5] {
            if step * m >= max {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// Renders the chart as a standalone SVG document (UTF-8 text).
pub fn render_svg(series: &ChartSeries) -> String {
    let n = series.periods.len();
    let height = MARGIN_TOP + 2.0 * PANEL_HEIGHT + PANEL_GAP + LEGEND_HEIGHT;
    let plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
    let slot = if n == 0 {
        plot_width
    } else {
        plot_width / n as f64
    };
    let bar = (slot * 0.8).max(1.0);
    let max_total = series
        .directions
        .iter()
        .flat_map(|d| d.quad_counts.iter().map(|q| q.iter().sum::<u64>()))
        .max()
        .unwrap_or(0);
    let ceiling = nice_ceiling(max_total);
    let unit = escape_xml(&series.unit);

    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="dyad-chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" font-family="system-ui, sans-serif" font-size="12" data-periods="{n}" data-unit="{unit}">"##
    );
    let first = series.directions[0].source.as_str();
    let second = series.directions[0].target.as_str();
    let _ = write!(
        svg,
        "<title>{} and {}: {} by QuadClass per period, both directions, with the mean Goldstein score</title>",
        escape_xml(first),
        escape_xml(second),
        unit
    );
    for (d, dir) in series.directions.iter().enumerate() {
        let top = MARGIN_TOP + d as f64 * (PANEL_HEIGHT + PANEL_GAP);
        let bottom = top + PANEL_HEIGHT;
        let label = format!("{} → {}", dir.source, dir.target);
        let _ = write!(
            svg,
            r#"<g class="panel" data-direction="{d}" data-source="{}" data-target="{}">"#,
            escape_xml(&dir.source),
            escape_xml(&dir.target)
        );
        let _ = write!(
            svg,
            r#"<text x="{MARGIN_LEFT}" y="{}" font-weight="bold" font-size="14">{}</text>"#,
            top - 8.0,
            escape_xml(&label)
        );
        // Axes: counts on the left, Goldstein (−10…10) on the right.
        let _ = write!(
            svg,
            r##"<line x1="{MARGIN_LEFT}" y1="{bottom}" x2="{}" y2="{bottom}" stroke="#555"/><line x1="{MARGIN_LEFT}" y1="{top}" x2="{MARGIN_LEFT}" y2="{bottom}" stroke="#555"/>"##,
            WIDTH - MARGIN_RIGHT
        );
        for tick in [0, ceiling / 2, ceiling] {
            if tick == ceiling / 2 && ceiling < 2 {
                continue;
            }
            let y = bottom - PANEL_HEIGHT * tick as f64 / ceiling as f64;
            let _ = write!(
                svg,
                r##"<text x="{}" y="{:.1}" text-anchor="end" fill="#333">{tick}</text><line x1="{MARGIN_LEFT}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#ddd"/>"##,
                MARGIN_LEFT - 6.0,
                y + 4.0,
                WIDTH - MARGIN_RIGHT
            );
        }
        let mid = top + PANEL_HEIGHT / 2.0;
        for (g, y) in [(10, top), (0, mid), (-10, bottom)] {
            let _ = write!(
                svg,
                r##"<text x="{}" y="{:.1}" fill="#333">{g:+}</text>"##,
                WIDTH - MARGIN_RIGHT + 6.0,
                y + 4.0
            );
        }
        let _ = write!(
            svg,
            r##"<line x1="{MARGIN_LEFT}" y1="{mid}" x2="{}" y2="{mid}" stroke="#999" stroke-dasharray="2 3"/>"##,
            WIDTH - MARGIN_RIGHT
        );
        // Bars.
        for (i, period) in series.periods.iter().enumerate() {
            let counts = dir.quad_counts.get(i).copied().unwrap_or([0; 4]);
            let total: u64 = counts.iter().sum();
            let x = MARGIN_LEFT + i as f64 * slot + (slot - bar) / 2.0;
            let period_xml = escape_xml(&period.label);
            let goldstein = dir
                .goldstein_mean
                .get(i)
                .copied()
                .flatten()
                .map_or(String::new(), |g| format!("{g:.2}"));
            let _ = write!(
                svg,
                r#"<g class="period" tabindex="0" role="button" data-direction="{d}" data-period="{period_xml}" data-from="{}" data-to="{}" data-total="{total}" data-q1="{}" data-q2="{}" data-q3="{}" data-q4="{}" data-goldstein="{goldstein}" aria-label="{}: {period_xml}, {total} {unit}">"#,
                escape_xml(&period.from),
                escape_xml(&period.to),
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                escape_xml(&label),
            );
            let _ = write!(
                svg,
                "<title>{}, {period_xml}: {total} {unit}",
                escape_xml(&label)
            );
            for (q, c) in counts.iter().enumerate() {
                if *c > 0 {
                    let _ = write!(svg, "; {} {c}", QUAD_CLASSES[q]);
                }
            }
            if !goldstein.is_empty() {
                let _ = write!(svg, "; mean Goldstein {goldstein}");
            }
            svg.push_str("</title>");
            // A transparent hit area over the whole slot, so empty periods are clickable too.
            let _ = write!(
                svg,
                r#"<rect class="hit" x="{:.2}" y="{top}" width="{slot:.2}" height="{PANEL_HEIGHT}" fill="transparent"/>"#,
                MARGIN_LEFT + i as f64 * slot
            );
            let mut y = bottom;
            for (q, c) in counts.iter().enumerate() {
                if *c == 0 {
                    continue;
                }
                let h = PANEL_HEIGHT * *c as f64 / ceiling as f64;
                y -= h;
                let _ = write!(
                    svg,
                    r#"<rect class="bar q{}" x="{x:.2}" y="{y:.2}" width="{bar:.2}" height="{h:.2}" fill="{}" data-quad="{}" data-count="{c}"/>"#,
                    q + 1,
                    QUAD_COLOURS[q],
                    q + 1
                );
            }
            svg.push_str("</g>");
        }
        // Goldstein line through the periods that have a score.
        let mut dots = String::new();
        let mut path = String::new();
        let mut pen_down = false;
        for i in 0..n {
            match dir.goldstein_mean.get(i).copied().flatten() {
                Some(g) => {
                    let x = MARGIN_LEFT + (i as f64 + 0.5) * slot;
                    let y = mid - (g.clamp(-10.0, 10.0) / 10.0) * (PANEL_HEIGHT / 2.0);
                    let _ = write!(path, "{}{x:.1} {y:.1}", if pen_down { " L" } else { " M" });
                    pen_down = true;
                    // A dot too, so a period whose neighbours have no score still shows.
                    let _ = write!(
                        dots,
                        r#"<circle class="goldstein-point" cx="{x:.1}" cy="{y:.1}" r="2.5" fill="{GOLDSTEIN_COLOUR}" pointer-events="none"/>"#
                    );
                }
                None => pen_down = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(
                svg,
                r#"<path class="goldstein" d="{}" fill="none" stroke="{GOLDSTEIN_COLOUR}" stroke-width="1.5" pointer-events="none"/>"#,
                path.trim_start()
            );
        }
        svg.push_str(&dots);
        // Period labels: at most about 12, evenly spaced.
        let every = n.div_ceil(12).max(1);
        for (i, period) in series.periods.iter().enumerate().step_by(every) {
            let x = MARGIN_LEFT + (i as f64 + 0.5) * slot;
            let _ = write!(
                svg,
                r##"<text x="{x:.1}" y="{}" text-anchor="middle" fill="#333">{}</text>"##,
                bottom + 16.0,
                escape_xml(&period.label)
            );
        }
        svg.push_str("</g>");
    }
    // Legend.
    let ly = height - 14.0;
    let mut lx = MARGIN_LEFT;
    for (q, name) in QUAD_CLASSES.iter().enumerate() {
        let _ = write!(
            svg,
            r##"<rect x="{lx}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" fill="#333">{name}</text>"##,
            ly - 10.0,
            QUAD_COLOURS[q],
            lx + 16.0,
            ly
        );
        lx += 24.0 + 7.0 * name.len() as f64;
    }
    let _ = write!(
        svg,
        r##"<line x1="{lx}" y1="{}" x2="{}" y2="{}" stroke="{GOLDSTEIN_COLOUR}" stroke-width="1.5"/><text x="{}" y="{ly}" fill="#333">mean Goldstein (right axis)</text>"##,
        ly - 4.0,
        lx + 16.0,
        ly - 4.0,
        lx + 22.0
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> ChartSeries {
        ChartSeries {
            periods: ["01", "02", "03"]
                .map(|m| ChartPeriod {
                    label: format!("2022-{m}"),
                    from: format!("2022-{m}-01"),
                    to: format!("2022-{m}-28"),
                })
                .to_vec(),
            unit: "events".into(),
            directions: [
                DirectionSeries {
                    source: "MAR".into(),
                    target: "MRT".into(),
                    quad_counts: vec![[2, 0, 1, 0], [0, 0, 0, 0], [0, 3, 0, 1]],
                    goldstein_mean: vec![Some(1.5), None, Some(-2.0)],
                },
                DirectionSeries {
                    source: "MRT".into(),
                    target: "MAR".into(),
                    quad_counts: vec![[0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]],
                    goldstein_mean: vec![None, Some(3.0), None],
                },
            ],
        }
    }

    #[test]
    fn every_period_of_both_directions_is_a_group_with_its_counts() {
        let svg = render_svg(&series());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("<g class=\"period\"").count(), 6);
        assert!(svg.contains(r#"data-direction="0" data-period="2022-01" data-from="2022-01-01" data-to="2022-01-28" data-total="3" data-q1="2" data-q2="0" data-q3="1" data-q4="0" data-goldstein="1.50""#));
        assert!(svg.contains(r#"data-direction="1" data-period="2022-02" data-from="2022-02-01" data-to="2022-02-28" data-total="1" data-q1="1""#));
        // One bar per non-zero count: 2+1 in Jan, 3+1 in March (a → b), 1 in Feb (b → a).
        assert_eq!(svg.matches("class=\"bar ").count(), 5);
        assert!(svg.contains("MAR → MRT") && svg.contains("MRT → MAR"));
    }

    #[test]
    fn goldstein_line_breaks_at_periods_without_a_score() {
        let svg = render_svg(&series());
        let line = svg
            .split("class=\"goldstein\" d=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a Goldstein path");
        // Two scored periods separated by a gap: two separate moves, no line between them.
        assert_eq!(line.matches('M').count(), 2, "{line}");
        assert!(!line.contains('L'), "{line}");
        // A dot per scored period of both directions (1.5, -2.0; 3.0).
        assert_eq!(svg.matches("class=\"goldstein-point\"").count(), 3);
    }

    #[test]
    fn bar_heights_are_proportional_to_counts() {
        let svg = render_svg(&series());
        // Largest total is 4, so the axis ends at 5: a count of 3 is 3/5 of the panel.
        let three = format!("height=\"{:.2}\"", PANEL_HEIGHT * 3.0 / 5.0);
        assert!(svg.contains(&three), "{svg}");
    }

    #[test]
    fn labels_are_escaped() {
        let mut s = series();
        s.directions[0].source = "<A&B>".into();
        let svg = render_svg(&s);
        assert!(svg.contains("&lt;A&amp;B&gt;"));
        assert!(!svg.contains("<A&B>"));
    }

    #[test]
    fn an_empty_series_still_draws_axes_and_legend() {
        let svg = render_svg(&ChartSeries::default());
        assert!(svg.contains("verbal cooperation") && svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("<g class=\"period\"").count(), 0);
    }

    #[test]
    fn nice_ceilings() {
        assert_eq!(
            [0, 1, 2, 3, 6, 11, 99, 101].map(nice_ceiling),
            [1, 1, 2, 5, 10, 20, 100, 200]
        );
    }
}
