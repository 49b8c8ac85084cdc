//! `pitfix pr --status`: the fix sets per transform — open, to open on the next run, waiting
//! for a slot, and declined (closed without merging) — without changing anything.
use std::fmt::Write as _;

use super::Ctx;
use super::group::{Declined, Decision, Entry, SINGLE};
use super::outputs::Report;
use super::words::Waiting;

/// The transforms waiting for a slot, most fixes first.
pub(crate) fn waiting(entries: &[Entry]) -> Vec<Waiting> {
    entries
        .iter()
        .filter(|e| matches!(e.decision, Decision::Wait))
        .map(|e| Waiting { id: e.id.clone(), fixes: e.fixes })
        .collect()
}

fn fixes(n: usize) -> String {
    format!("{n} fix{}", if n == 1 { "" } else { "es" })
}

fn sites(n: usize) -> String {
    format!("{n} site{}", if n == 1 { "" } else { "s" })
}

/// Prints the status (and returns it for the step summary).
pub(crate) fn print(ctx: &Ctx, entries: &[Entry], declined: &[Declined]) -> Report {
    let mut text = format!("Fix sets on `{}` ({}), max-open-prs = {}:\n", ctx.base, super::short(&ctx.base_sha), ctx.plan.max_open);
    if ctx.github.is_none() {
        text += "(no token: GitHub's pull requests were not read, so none is shown as open or declined)\n";
    }
    let mut section = |title: &str, lines: Vec<String>| {
        let _ = writeln!(text, "\n{title}:");
        if lines.is_empty() {
            text += "  (none)\n";
        }
        for line in lines {
            let _ = writeln!(text, "  {line}");
        }
    };
    let line = |e: &Entry, rest: &str| format!("{:<26} {:<10} fingerprint {}{rest}", e.id, fixes(e.fixes), e.fingerprint());
    let pick = |want: fn(&Decision) -> bool| entries.iter().filter(move |e| want(&e.decision));
    section(
        "Open",
        pick(|d| matches!(d, Decision::Update(_) | Decision::Close(_)))
            .map(|e| match &e.decision {
                Decision::Update(pull) => line(e, &format!("  #{} {}{}", pull.number, pull.html_url, declined_note(e))),
                Decision::Close(pull) => {
                    let why = if e.id == SINGLE { "superseded by pull requests per transform" } else { "nothing left to fix" };
                    format!("{:<26} {why}: the next run closes #{} {}", e.id, pull.number, pull.html_url)
                }
                _ => String::new(),
            })
            .collect(),
    );
    section("To open on the next run", pick(|d| matches!(d, Decision::Open)).map(|e| line(e, &declined_note(e))).collect());
    section("Waiting (max-open-prs reached)", pick(|d| matches!(d, Decision::Wait)).map(|e| line(e, &declined_note(e))).collect());
    section(
        "Declined (closed without merging)",
        declined
            .iter()
            .map(|d| {
                let now = entries.iter().find(|e| e.id == d.transform);
                let new = now.and_then(|e| e.candidate.as_ref()).map_or(0, |c| c.site_ids().filter(|s| !d.sites.contains(*s)).count());
                let after = match new {
                    0 => String::new(),
                    n => format!(" ({n} new site{} since)", if n == 1 { "" } else { "s" }),
                };
                format!("{:<26} {:<10} fingerprint {}  #{} {}{after}", d.transform, sites(d.sites.len()), d.fingerprint, d.number, d.url)
            })
            .collect(),
    );
    print!("{text}");
    Report::none(text)
}

fn declined_note(entry: &Entry) -> String {
    match entry.left_out {
        0 => String::new(),
        n => format!("  (only new sites; {} declined left alone)", sites(n)),
    }
}
