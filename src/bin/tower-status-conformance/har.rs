//! `check FILE.har…`: the library's `har::Captures` on capture files, directories of them or
//! standard input, each streamed (see `har`'s docs for what a capture can and cannot show).

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use tower_status_conformance::har::Captures;

use crate::{output, CheckArgs, Error, Outcome};

/// The captures named: each file as given (`-`: standard input), each directory's `*.har`
/// files in name order.
fn captures(named: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in named {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|file| file.is_file() && file.extension().is_some_and(|ext| ext == "har"))
            .collect();
        if found.is_empty() {
            return Err(format!("{}: no .har file in the directory", path.display()));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

pub(crate) fn run(args: CheckArgs) -> Result<Outcome, Error> {
    let files = captures(&args.har)?;
    let name = match files.as_slice() {
        [one] => crate::openapi::name(one),
        several => format!("{} captures", several.len()),
    };
    let mut captures = match (&args.contract.openapi, args.contract.contract) {
        (Some(file), true) => {
            let (contract, lines) = crate::openapi::contract(file)?;
            for line in lines {
                crate::note!("{line}");
            }
            Captures::new().contract(contract)
        }
        _ => Captures::new(),
    };
    // By octets read, shown on a terminal only; standard input has no size.
    let total = files
        .iter()
        .filter_map(|file| std::fs::metadata(file).ok())
        .map(|metadata| metadata.len())
        .sum();
    let progress = ProgressBar::new(total);
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    for file in &files {
        let shown = crate::openapi::name(file);
        progress.set_message(shown.clone());
        let read = if file.as_os_str() == "-" {
            captures.read(progress.wrap_read(std::io::stdin().lock()))
        } else {
            let opened =
                std::fs::File::open(file).map_err(|e| format!("cannot read {shown}: {e}"))?;
            captures.read(progress.wrap_read(opened))
        };
        read.map_err(|e| format!("{shown} is {e}"))?;
    }
    progress.finish_and_clear();
    let checked = captures.report();
    let skipped: Vec<String> = checked
        .skipped()
        .map(|(why, count)| format!("{count} {why}"))
        .collect();
    let revalidated = match checked.revalidated() {
        0 => String::new(),
        n => format!(" ({n} revalidation(s) the browser recorded as 200 judged as the 304 that crossed the wire)"),
    };
    crate::note!(
        "checked {} exchange(s) of {name}{revalidated}{}",
        checked.checked(),
        if skipped.is_empty() {
            String::new()
        } else {
            format!("; skipped {}", skipped.join(", "))
        }
    );
    for (entry, why) in checked.unreadable() {
        crate::note!("entry {entry} not checked: {why}");
    }
    // A capture with nothing to check is not a pass: CI would not tell it from a clean one.
    if checked.checked() == 0 {
        return Err(format!(
            "{name}: no exchange with a server to check ({} entr{} skipped, {} unreadable)",
            checked.skipped().map(|(_, n)| n).sum::<usize>(),
            if checked.skipped().map(|(_, n)| n).sum::<usize>() == 1 {
                "y"
            } else {
                "ies"
            },
            checked.unreadable().len()
        ));
    }
    output::finish(
        checked.report(),
        &args.report,
        &format!("check {name}"),
        checked.paths(),
        false,
    )
}
