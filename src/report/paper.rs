//! The report as a PDF, from the same report model as the HTML ([`super::front`],
//! [`super::registers`]): a first page a lawyer reads in a minute (verdict, counts by article,
//! what must be done with page references), the findings by law and rule, what geometry can
//! fix and coverage, the device and sign registers, the articles quoted, and one vector plan
//! page per floor (A3 landscape when the floor is wider than A4 holds at 1:200). A4 pages with
//! page numbers; bookmarks per section, law, rule and floor; long tables break between rows,
//! never inside one, and repeat their header.

use std::collections::BTreeMap;

use super::{
    device_columns, finding_columns, front, l, registers, sign_columns, Front, Registers,
    ReportOptions, TableSection, Tx,
};
use crate::analysis::Analysis;
use crate::i18n::{Lang, Text};
use crate::model::{Floor, Site};
use crate::pdf::{self, Document, PageContent, PaperSize, PdfError, Rgb};
use crate::render::{floor_svg, RenderOptions};
use crate::rules::{Finding, Severity, Verdict};

pub(crate) const MARGIN: f32 = 42.0;
pub(crate) const FOOTER: f32 = 24.0;
pub(crate) const BODY: f32 = 8.5;
pub(crate) const SMALL: f32 = 7.0;
pub(crate) const LINE: f32 = 1.3;

/// A floor wider than this (m) gets an A3 plan page: A4 landscape holds 277 mm, 55 m at 1:200.
pub const A3_FLOOR_WIDTH_M: f64 = 55.0;

/// Pages being laid out, one after another, with a running height.
pub(crate) struct Flow {
    done: Vec<PageContent>,
    current: Option<PageContent>,
    pub(crate) size: PaperSize,
    pub(crate) y: f32,
}

impl Flow {
    pub(crate) fn new() -> Flow {
        Flow {
            done: Vec::new(),
            current: None,
            size: PaperSize::A4_PORTRAIT,
            y: MARGIN,
        }
    }

    pub(crate) fn bottom(&self) -> f32 {
        self.size.height - MARGIN - FOOTER
    }

    pub(crate) fn width(&self) -> f32 {
        self.size.width - 2.0 * MARGIN
    }

    pub(crate) fn new_page(&mut self) {
        self.done.extend(self.current.take());
        self.current = Some(PageContent::new(self.size));
        self.y = MARGIN;
    }

    /// Room for `h` points on this page, or a new page.
    pub(crate) fn room(&mut self, h: f32) {
        if self.current.is_none() || self.y + h > self.bottom() {
            self.new_page();
        }
    }

    /// The page being written.
    pub(crate) fn page(&mut self) -> &mut PageContent {
        let size = self.size;
        self.current.get_or_insert_with(|| PageContent::new(size))
    }

    /// The index of the page being written among these pages.
    pub(crate) fn at(&self) -> usize {
        self.done.len()
    }

    /// Starts the next page on paper of `size`.
    pub(crate) fn paper(&mut self, size: PaperSize) {
        self.size = size;
        self.new_page();
    }

    /// Every page laid out.
    pub(crate) fn finish(mut self) -> Vec<PageContent> {
        self.done.extend(self.current.take());
        self.done
    }

    /// Wrapped text in one colour.
    pub(crate) fn para(&mut self, text: &str, size: f32, colour: Rgb) {
        let w = self.width();
        for line in pdf::wrap(text, w, size) {
            self.room(size * LINE);
            let y = self.y + size;
            self.page().text(MARGIN, y, size, &line, colour);
            self.y += size * LINE;
        }
    }

    /// A bilingual piece of text: the main text, the English under it in grey.
    pub(crate) fn tx(&mut self, t: &Tx, size: f32) {
        self.para(&t.main, size, Rgb::BLACK);
        if let Some(en) = &t.en {
            self.para(en, size * 0.9, Rgb::GREY);
        }
    }

    /// A heading, kept with at least a few lines after it; returns its page and height.
    pub(crate) fn heading(&mut self, t: &Tx, size: f32) -> (usize, f32) {
        self.room(size * 2.0 + 6.0 * BODY * LINE);
        self.y += size * 0.6;
        let at = (self.at(), self.y);
        self.para(&t.main, size, Rgb::BLACK);
        if let Some(en) = &t.en {
            self.para(en, size * 0.75, Rgb::GREY);
        }
        self.y += size * 0.3;
        at
    }

    /// A table: columns with relative widths; each row's cells wrapped, a row never split
    /// across pages (one taller than a page is cut, with an ellipsis), the header repeated.
    pub(crate) fn table(&mut self, columns: &[(Tx, f32)], rows: &[Vec<Cell>], size: f32) {
        let total: f32 = columns.iter().map(|(_, w)| w).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|(_, w)| w / total * self.width())
            .collect();
        let pad = 2.5;
        let header: Vec<Cell> = columns
            .iter()
            .map(|(t, _)| Cell::tx(t.clone_tx()))
            .collect();
        let lay = |row: &[Cell]| -> Vec<Vec<(String, f32, Rgb)>> {
            row.iter()
                .zip(&widths)
                .map(|(c, w)| c.lines(w - 2.0 * pad, size))
                .collect()
        };
        let height = |cells: &[Vec<(String, f32, Rgb)>]| -> f32 {
            cells
                .iter()
                .map(|ls| ls.iter().map(|(_, s, _)| s * LINE).sum::<f32>())
                .fold(size * LINE, f32::max)
                + 2.0 * pad
        };
        let head = lay(&header);
        let head_h = height(&head);
        let draw = |flow: &mut Flow, cells: &[Vec<(String, f32, Rgb)>], h: f32, shade| {
            let mut x = MARGIN;
            let y0 = flow.y;
            let page = flow.page();
            if shade {
                page.rect((MARGIN, y0, widths.iter().sum(), h), Some(Rgb::SHADE), None);
            }
            for (ls, w) in cells.iter().zip(&widths) {
                let mut y = y0 + pad;
                for (text, s, colour) in ls {
                    if y + s * LINE > y0 + h {
                        break;
                    }
                    page.text(x + pad, y + s, *s, text, *colour);
                    y += s * LINE;
                }
                page.rect((x, y0, *w, h), None, Some((Rgb::RULE, 0.5)));
                x += w;
            }
            flow.y += h;
        };
        self.room(head_h + size * LINE * 2.0 + 2.0 * pad);
        draw(self, &head, head_h, true);
        let page_room = self.bottom() - MARGIN - head_h;
        for row in rows {
            let cells = lay(row);
            let h = height(&cells).min(page_room);
            if self.y + h > self.bottom() {
                self.new_page();
                draw(self, &head, head_h, true);
            }
            draw(self, &cells, h, false);
        }
        self.y += size;
    }
}

impl Tx {
    fn clone_tx(&self) -> Tx {
        Tx {
            main: self.main.clone(),
            en: self.en.clone(),
        }
    }
}

/// A table cell: bilingual text in a colour.
pub(crate) struct Cell {
    pub(crate) text: Tx,
    pub(crate) colour: Rgb,
}

impl Cell {
    pub(crate) fn tx(text: Tx) -> Cell {
        Cell {
            text,
            colour: Rgb::BLACK,
        }
    }

    pub(crate) fn plain(s: impl Into<String>) -> Cell {
        Cell::tx(Tx::plain(s))
    }

    pub(crate) fn lines(&self, width: f32, size: f32) -> Vec<(String, f32, Rgb)> {
        let mut out: Vec<(String, f32, Rgb)> = pdf::wrap(&self.text.main, width, size)
            .into_iter()
            .map(|l| (l, size, self.colour))
            .collect();
        if let Some(en) = &self.text.en {
            let s = size * 0.9;
            out.extend(
                pdf::wrap(en, width, s)
                    .into_iter()
                    .map(|l| (l, s, Rgb::GREY)),
            );
        }
        out
    }
}

fn severity_colour(s: Severity) -> Rgb {
    match s {
        Severity::Violation => Rgb::RED,
        Severity::Warning => Rgb::AMBER,
        Severity::Info => Rgb::TEAL,
    }
}

/// The plan's extent in metres: every wall point and space corner.
fn floor_width_m(floor: &Floor) -> f64 {
    let xs = floor
        .walls
        .iter()
        .flat_map(|w| w.points.iter().map(|p| p[0]))
        .chain(
            floor
                .spaces
                .iter()
                .flat_map(|s| s.polygon.iter().map(|p| p[0])),
        )
        .filter(|x| x.is_finite());
    let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    if hi > lo {
        hi - lo
    } else {
        0.0
    }
}

/// The paper a floor's plan is printed on.
pub fn plan_paper(floor: &Floor) -> PaperSize {
    if floor_width_m(floor) > A3_FLOOR_WIDTH_M {
        PaperSize::A3_LANDSCAPE
    } else {
        PaperSize::A4_LANDSCAPE
    }
}

/// The footer of every page: the site, the date, the version and the page number.
pub(crate) fn footer(page: &mut PageContent, left: &str, number: usize) {
    let (w, h) = (page.size.width, page.size.height);
    let y = h - MARGIN / 2.0 - FOOTER / 2.0;
    page.line((MARGIN, y - 10.0), (w - MARGIN, y - 10.0), Rgb::RULE, 0.5);
    page.text(MARGIN, y, SMALL, left, Rgb::GREY);
    let n = format!("{number}");
    let nw = pdf::text_width(&n, SMALL);
    page.text(w - MARGIN - nw, y, SMALL, &n, Rgb::GREY);
}

/// A plan page for one floor: its title, then the drawing (plan, legend, numbered findings)
/// fitted to the page; the drawing's warnings are added to `warnings`.
pub(crate) fn plan_page(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    fi: usize,
    render: &RenderOptions,
    title: &str,
    warnings: &mut Vec<String>,
) -> PageContent {
    let Some(floor) = site.floors.get(fi) else {
        return PageContent::new(PaperSize::A4_LANDSCAPE);
    };
    let mut page = PageContent::new(plan_paper(floor));
    page.text(
        MARGIN,
        MARGIN + 12.0,
        12.0,
        &format!("{title} · {}", floor_name(floor)),
        Rgb::BLACK,
    );
    let drawn = floor_svg(site, analysis, findings, fi, render);
    warnings.extend(drawn.warnings);
    let (w, h) = (page.size.width, page.size.height);
    page.svg(
        drawn.svg,
        (
            MARGIN,
            MARGIN + 22.0,
            w - 2.0 * MARGIN,
            h - 2.0 * MARGIN - 22.0 - FOOTER,
        ),
    );
    page
}

pub(crate) fn floor_name(floor: &Floor) -> String {
    if floor.name.is_empty() {
        floor.id.clone()
    } else {
        format!("{} ({})", floor.name, floor.id)
    }
}

/// The plans of the given floors as a PDF, one vector page each, bookmarked by floor
/// (`sightline render … -o X.pdf`); returns its bytes and the drawings' warnings.
pub fn plans_pdf(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    floors: &[usize],
    render: &RenderOptions,
) -> Result<(Vec<u8>, Vec<String>), PdfError> {
    let title = super::site_title(site);
    let mut doc = Document::new()?;
    let mut warnings = Vec::new();
    let left = format!(
        "{title} · {} · Sightline {}",
        render.date,
        env!("CARGO_PKG_VERSION")
    );
    let word = match render.lang {
        Lang::En => "Floor",
        Lang::Zh => "楼层",
    };
    for &fi in floors {
        let Some(floor) = site.floors.get(fi) else {
            continue;
        };
        let mut page = plan_page(site, analysis, findings, fi, render, word, &mut warnings);
        let n = doc.pages();
        footer(&mut page, &left, n + 1);
        doc.bookmark(None, &floor_name(floor), n, 0.0);
        doc.add_page(page)?;
    }
    let language = match render.lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    Ok((doc.finish(title, language)?, warnings))
}

/// Writes the report of an analysed site as a PDF; returns its bytes and the warnings.
pub fn pdf(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    opts: &ReportOptions,
) -> Result<(Vec<u8>, Vec<String>), PdfError> {
    let lang = opts.lang;
    let title = super::site_title(site);
    let Front {
        counts,
        summary,
        groups,
        quotes,
    } = front(site, findings, lang);
    let Registers {
        tables,
        devices,
        signs,
    } = registers(site, analysis, findings, lang);
    let mut warnings = Vec::new();
    let mut doc = Document::new()?;

    // Everything after the first page, laid out first so the first page can refer to it.
    let mut flow = Flow::new();
    let mut marks: Vec<(Option<usize>, String, usize, f32)> = Vec::new();
    let mark_text = |t: &Tx| match &t.en {
        Some(en) => format!("{} {en}", t.main),
        None => t.main.clone(),
    };
    // The site, as the HTML report's summary gives it.
    let site_heading = l(lang, super::SITE_HEADING);
    let (p, y) = flow.heading(&site_heading, 16.0);
    marks.push((None, mark_text(&site_heading), p, y));
    let facts: Vec<Vec<Cell>> = summary
        .iter()
        .map(|(k, v)| vec![Cell::tx(k.clone_tx()), Cell::tx(v.clone_tx())])
        .collect();
    flow.table(
        &[
            (l(lang, Text::new("Item", "项目")), 1.0),
            (l(lang, Text::new("Value", "内容")), 1.4),
        ],
        &facts,
        BODY,
    );
    // Findings by law, then by rule.
    let findings_heading = l(lang, super::FINDINGS_HEADING);
    let (p, y) = flow.heading(&findings_heading, 16.0);
    marks.push((None, mark_text(&findings_heading), p, y));
    let findings_mark = marks.len() - 1;
    let cols = finding_columns(lang);
    let weights = [0.9, 1.0, 4.6, 1.9, 0.8];
    // Columns: plan number, severity, finding, article, area (the rule is the sub-heading).
    let columns: Vec<(Tx, f32)> = [0usize, 2, 3, 4, 5]
        .iter()
        .zip(weights)
        .filter_map(|(&i, w)| cols.get(i).map(|c| (c.clone_tx(), w)))
        .collect();
    let mut rule_pages: BTreeMap<&str, usize> = BTreeMap::new();
    if findings.is_empty() {
        flow.tx(&l(lang, super::NO_FINDINGS), BODY);
    }
    // The HTML report's rows, law by law; here each rule gets its own heading and bookmark.
    for group in groups {
        let (p, y) = flow.heading(&group.heading, 12.0);
        marks.push((Some(findings_mark), mark_text(&group.heading), p, y));
        let law_mark = marks.len() - 1;
        // Rules in the order they first appear (findings are sorted by severity first).
        let mut rules: Vec<&str> = Vec::new();
        for r in &group.rows {
            if !rules.contains(&r.rule) {
                rules.push(r.rule);
            }
        }
        for rule in rules {
            let of_rule: Vec<&super::Row<'_>> =
                group.rows.iter().filter(|r| r.rule == rule).collect();
            let heading = format!("{rule} ({})", of_rule.len());
            let (p, y) = flow.heading(&Tx::plain(heading.clone()), 10.0);
            marks.push((Some(law_mark), heading, p, y));
            rule_pages.insert(rule, p);
            let rows: Vec<Vec<Cell>> =
                of_rule
                    .into_iter()
                    .map(|r| {
                        vec![
                            Cell::tx(r.marker.clone_tx()),
                            Cell {
                                text: Tx::plain(r.severity.clone()),
                                colour: severity_colour(r.level),
                            },
                            Cell::tx(r.message.clone_tx()),
                            Cell::tx(r.article.map_or_else(
                                || Tx::plain("—"),
                                |(zh, en)| super::both(lang, en, zh),
                            )),
                            Cell::plain(r.area.clone()),
                        ]
                    })
                    .collect();
            flow.table(&columns, &rows, SMALL);
        }
    }
    // What geometry can fix; coverage.
    for t in &tables {
        let TableSection {
            heading,
            note,
            columns,
            rows,
        } = t;
        let (p, y) = flow.heading(heading, 14.0);
        marks.push((None, mark_text(heading), p, y));
        if let Some(n) = note {
            flow.tx(n, SMALL);
        }
        let weights: Vec<f32> = match columns.len() {
            3 => vec![0.4, 6.0, 2.5],
            _ => vec![2.0; columns.len()],
        };
        let columns: Vec<(Tx, f32)> = columns.iter().map(Tx::clone_tx).zip(weights).collect();
        let rows: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| r.iter().map(|c| Cell::tx(c.clone_tx())).collect())
            .collect();
        flow.table(&columns, &rows, SMALL);
    }
    // The device register, on landscape pages: the columns a reader of paper needs.
    flow.paper(PaperSize::A4_LANDSCAPE);
    let dev_heading = l(lang, super::DEVICE_REGISTER);
    let (p, y) = flow.heading(&dev_heading, 14.0);
    marks.push((None, mark_text(&dev_heading), p, y));
    let dc = device_columns(lang);
    // Device, floor, then cells 0 FR, 1 model, 2 height, 3 tilt, 4 fov, 5 range, 9 watches,
    // 11 purpose, 13 zone, 14 storage; findings last.
    let picks = [0usize, 1, 2, 3, 4, 5, 6, 7, 11, 13, 15, 16, 18];
    let dw = [
        1.6, 0.6, 0.7, 1.7, 0.7, 1.0, 0.7, 0.7, 1.5, 1.4, 1.0, 1.1, 1.5,
    ];
    let columns: Vec<(Tx, f32)> = picks
        .iter()
        .zip(dw)
        .filter_map(|(&i, w)| dc.get(i).map(|t| (t.clone_tx(), w)))
        .collect();
    let rows: Vec<Vec<Cell>> = devices
        .iter()
        .map(|d| {
            let cell = |k: usize| {
                d.cells
                    .get(k)
                    .map_or_else(|| Cell::plain("—"), |t| Cell::tx(t.clone_tx()))
            };
            let id = if d.name.is_empty() {
                d.id.to_owned()
            } else {
                format!("{} {}", d.id, d.name)
            };
            let rules: Vec<&str> = d.findings.iter().map(|(_, r)| *r).collect();
            vec![
                Cell::plain(id),
                Cell::plain(d.floor),
                cell(0),
                cell(1),
                cell(2),
                cell(3),
                cell(4),
                cell(5),
                cell(9),
                cell(11),
                cell(13),
                cell(14),
                Cell {
                    text: Tx::plain(if rules.is_empty() {
                        "—".to_owned()
                    } else {
                        rules.join(", ")
                    }),
                    colour: if d.findings.iter().any(|(s, _)| *s == "violation") {
                        Rgb::RED
                    } else {
                        Rgb::BLACK
                    },
                },
            ]
        })
        .collect();
    if rows.is_empty() {
        flow.tx(&l(lang, super::NONE), BODY);
    } else {
        flow.table(&columns, &rows, 6.5);
    }
    let sign_heading = l(lang, super::SIGN_REGISTER);
    let (p, y) = flow.heading(&sign_heading, 14.0);
    marks.push((None, mark_text(&sign_heading), p, y));
    let sc = sign_columns(lang);
    let sw = [1.0, 0.7, 1.2, 0.6, 1.4, 2.6, 2.6, 1.4];
    let columns: Vec<(Tx, f32)> = sc.iter().map(Tx::clone_tx).zip(sw).collect();
    let rows: Vec<Vec<Cell>> = signs
        .iter()
        .map(|g| {
            let mut r = vec![Cell::plain(g.id), Cell::plain(g.floor)];
            r.extend(g.cells.iter().map(|t| Cell::tx(t.clone_tx())));
            r
        })
        .collect();
    if rows.is_empty() {
        flow.tx(&l(lang, super::NONE), BODY);
    } else {
        flow.table(&columns, &rows, 6.5);
    }
    // The articles quoted.
    flow.paper(PaperSize::A4_PORTRAIT);
    let articles = l(lang, super::ARTICLES_HEADING);
    let (p, y) = flow.heading(&articles, 14.0);
    marks.push((None, mark_text(&articles), p, y));
    for q in &quotes {
        flow.heading(
            &Tx {
                main: format!("{} {}", q.law, q.heading_zh),
                en: (lang != Some(Lang::Zh)).then(|| q.heading_en.to_owned()),
            },
            9.5,
        );
        if let Some(zh) = q.zh {
            if lang != Some(Lang::En) || q.zh_marked {
                flow.para(zh, BODY, Rgb::BLACK);
            }
        }
        if lang != Some(Lang::Zh) {
            for para in &q.en_paragraphs {
                flow.para(para, BODY * 0.9, Rgb::GREY);
            }
        }
        flow.y += BODY;
    }
    let text_pages = flow.finish();

    // The first page.
    // As much as one page holds: fewer articles and rules (all are in the findings).
    let mut first = PageContent::new(PaperSize::A4_PORTRAIT);
    for limits in [(12, 8), (8, 6), (6, 4), (4, 3)] {
        let pages = first_page(findings, lang, opts, title, &counts, &rule_pages, limits);
        let fits = pages.len() == 1;
        if let Some(p) = pages.into_iter().next() {
            first = p;
        }
        if fits {
            break;
        }
    }
    let left = format!(
        "{title} · {} · Sightline {}",
        opts.date,
        env!("CARGO_PKG_VERSION")
    );
    footer(&mut first, &left, 1);
    let summary_tx = l(lang, Text::new("Summary", "概要"));
    doc.bookmark(None, &mark_text(&summary_tx), doc.pages(), 0.0);
    doc.add_page(first)?;
    let offset = doc.pages();
    let mut ids = Vec::new();
    for (parent, text, page, y) in marks {
        let parent = parent.and_then(|p: usize| ids.get(p).copied());
        ids.push(doc.bookmark(parent, &text, page + offset, y));
    }
    for (k, mut page) in text_pages.into_iter().enumerate() {
        footer(&mut page, &left, offset + k + 1);
        doc.add_page(page)?;
    }
    // The plans, one page per floor, each drawn and written before the next.
    let plans_tx = l(lang, Text::new("Plans", "平面图"));
    let plans_mark = doc.bookmark(None, &mark_text(&plans_tx), doc.pages(), 0.0);
    let picture_lang = if lang == Some(Lang::En) {
        Lang::En
    } else {
        Lang::Zh
    };
    let plan_title = mark_text(&l(lang, super::FLOOR));
    let render = RenderOptions {
        width_px: 1600,
        lang: picture_lang,
        date: opts.date.clone(),
        base_dir: opts.base_dir.clone(),
        view: None,
        dori: crate::scene::DoriShow::Off,
    };
    for (fi, floor) in site.floors.iter().enumerate() {
        let mut page = plan_page(
            site,
            analysis,
            findings,
            fi,
            &render,
            &plan_title,
            &mut warnings,
        );
        let n = doc.pages();
        footer(&mut page, &left, n + 1);
        doc.bookmark(Some(plans_mark), &floor_name(floor), n, 0.0);
        doc.add_page(page)?;
    }
    let language = match lang {
        Some(Lang::En) => "en",
        _ => "zh-CN",
    };
    Ok((doc.finish(title, language)?, warnings))
}

/// The first page: verdict, counts by article, what must be done (with page numbers; the
/// site summary starts the page after it). `rule_pages` are pages among the text pages after
/// this one.
fn first_page(
    findings: &[Finding],
    lang: Option<Lang>,
    opts: &ReportOptions,
    title: &str,
    counts: &crate::rules::Counts,
    rule_pages: &BTreeMap<&str, usize>,
    (max_articles, max_rules): (usize, usize),
) -> Vec<PageContent> {
    let mut flow = Flow::new();
    flow.new_page();
    flow.para(title, 18.0, Rgb::BLACK);
    flow.tx(&l(lang, super::SUBTITLE), 11.0);
    flow.para(
        &format!("{} · Sightline {}", opts.date, env!("CARGO_PKG_VERSION")),
        SMALL,
        Rgb::GREY,
    );
    flow.y += 8.0;
    // The verdict.
    let verdict = l(lang, counts.verdict().text());
    let colour = match counts.verdict() {
        Verdict::Pass => Rgb::GREEN,
        Verdict::Fail => Rgb::RED,
    };
    let text = match &verdict.en {
        Some(en) => format!("{} {en}", verdict.main),
        None => verdict.main.clone(),
    };
    let w = pdf::text_width(&text, 14.0) + 16.0;
    let y = flow.y;
    flow.page().rect((MARGIN, y, w, 24.0), Some(colour), None);
    flow.page()
        .text(MARGIN + 8.0, y + 17.0, 14.0, &text, Rgb::WHITE);
    flow.y += 30.0;
    flow.tx(
        &super::both(lang, &counts.line(Lang::En), &counts.line(Lang::Zh)),
        BODY,
    );
    flow.y += 6.0;
    // Counts by article.
    flow.heading(
        &l(lang, Text::new("Findings by article", "按条文统计")),
        11.0,
    );
    let mut by_article: BTreeMap<(u8, String), [usize; 3]> = BTreeMap::new();
    for f in findings {
        let key = match f.article {
            Some(a) => match lang {
                Some(Lang::En) => a.en.to_owned(),
                Some(Lang::Zh) => a.zh.to_owned(),
                None => format!("{} {}", a.zh, a.en),
            },
            None => l(lang, Text::new("plan (no law)", "平面图（非法律条文）")).main,
        };
        let law = super::law_of(f) as u8;
        let n = by_article.entry((law, key)).or_default();
        match f.severity {
            Severity::Violation => n[0] += 1,
            Severity::Warning => n[1] += 1,
            Severity::Info => n[2] += 1,
        }
    }
    let columns = vec![
        (l(lang, Text::new("Article", "条文")), 5.0),
        (l(lang, Text::new("Violations", "违规")), 1.0),
        (l(lang, Text::new("Warnings", "警告")), 1.0),
        (l(lang, Text::new("Notes", "提示")), 1.0),
    ];
    let rows: Vec<Vec<Cell>> = by_article
        .iter()
        .map(|((_, a), n)| {
            vec![
                Cell::plain(a.clone()),
                Cell {
                    text: Tx::plain(n[0].to_string()),
                    colour: if n[0] > 0 { Rgb::RED } else { Rgb::BLACK },
                },
                Cell::plain(n[1].to_string()),
                Cell::plain(n[2].to_string()),
            ]
        })
        .collect();
    // The page holds what fits; the rest is in the findings.
    let keep = rows.len().min(max_articles);
    flow.table(&columns, rows.get(..keep).unwrap_or_default(), SMALL);
    // What must be done: each rule with violations, its first finding, where they are.
    flow.heading(
        &l(lang, Text::new("What must be done", "需要处理的事项")),
        11.0,
    );
    let mut rules: Vec<(&'static str, usize, &Finding)> = Vec::new();
    for f in findings
        .iter()
        .filter(|f| f.severity == Severity::Violation)
    {
        match rules.iter_mut().find(|(r, _, _)| *r == f.rule.as_str()) {
            Some(e) => e.1 += 1,
            None => rules.push((f.rule.as_str(), 1, f)),
        }
    }
    if rules.is_empty() {
        flow.tx(
            &l(
                lang,
                Text::new(
                    "No violation: keep the plan and the records as they are.",
                    "无违规：保持现有平面与记录。",
                ),
            ),
            BODY,
        );
    }
    let page_word = l(lang, Text::new("p.", "第")).main;
    let page_ref = |p: usize| {
        if lang == Some(Lang::En) {
            format!("{page_word} {p}")
        } else if lang == Some(Lang::Zh) {
            format!("第 {p} 页")
        } else {
            format!("第 {p} 页 p. {p}")
        }
    };
    let columns = vec![
        (l(lang, Text::new("Rule", "规则")), 1.4),
        (l(lang, Text::new("Count", "数量")), 0.6),
        (l(lang, Text::new("First finding", "首个问题")), 5.0),
        (l(lang, Text::new("Page", "页码")), 0.9),
    ];
    let shown = rules.len().min(max_rules);
    let rows: Vec<Vec<Cell>> = rules
        .iter()
        .take(shown)
        .map(|(rule, n, f)| {
            let message = super::message_of(f, lang);
            vec![
                Cell {
                    text: Tx::plain(*rule),
                    colour: Rgb::RED,
                },
                Cell::plain(n.to_string()),
                Cell::tx(message),
                Cell::plain(
                    rule_pages
                        .get(rule)
                        .map_or_else(String::new, |p| page_ref(p + 2)),
                ),
            ]
        })
        .collect();
    if !rows.is_empty() {
        flow.table(&columns, &rows, SMALL);
    }
    if rules.len() > shown {
        flow.tx(
            &super::both(
                lang,
                &format!(
                    "… and {} more rules: see the findings.",
                    rules.len() - shown
                ),
                &format!("……另有 {} 条规则，见检查结果。", rules.len() - shown),
            ),
            SMALL,
        );
    }
    flow.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_table_breaks_between_rows_and_repeats_its_header() {
        let mut flow = Flow::new();
        let columns = vec![(Tx::plain("Device"), 1.0), (Tx::plain("Text"), 3.0)];
        // 120 rows of one to five lines each: several pages.
        let rows: Vec<Vec<Cell>> = (0..120)
            .map(|k| {
                vec![
                    Cell::plain(format!("row-{k}")),
                    Cell::plain("公共安全视频图像信息系统 ".repeat(1 + k % 5 * 4)),
                ]
            })
            .collect();
        flow.table(&columns, &rows, BODY);
        let pages = flow.finish();
        assert!(pages.len() >= 4, "{} pages", pages.len());
        let mut seen = Vec::new();
        for page in &pages {
            let bottom = page.size.height - MARGIN - FOOTER;
            for (_, y, _, h) in page.boxes() {
                assert!(
                    y >= MARGIN - 0.01 && y + h <= bottom + 0.01,
                    "a box off the page"
                );
            }
            let texts = page.texts();
            // The header opens every page.
            assert_eq!(texts.first().copied(), Some("Device"));
            // A row's cells are on one page: its id and its last line of text together.
            seen.extend(
                texts
                    .iter()
                    .filter(|t| t.starts_with("row-"))
                    .map(|t| t.to_string()),
            );
        }
        let want: Vec<String> = (0..120).map(|k| format!("row-{k}")).collect();
        assert_eq!(seen, want, "every row once, in order");
    }
}
