//! `check FILE.har`: the library's `har::check` on a capture file (see its docs for what a
//! capture can and cannot show).

use tower_status_conformance::har;

use crate::{output, CheckArgs, Error, Outcome};

pub(crate) fn run(args: CheckArgs) -> Result<Outcome, Error> {
    let name = args.har.display().to_string();
    let text =
        std::fs::read_to_string(&args.har).map_err(|e| format!("cannot read {name}: {e}"))?;
    let checked = har::check(&text).map_err(|e| format!("{name} is {e}"))?;
    let skipped: Vec<String> = checked
        .skipped()
        .map(|(why, count)| format!("{count} {why}"))
        .collect();
    eprintln!(
        "checked {} exchange(s) of {name}{}",
        checked.checked(),
        if skipped.is_empty() {
            String::new()
        } else {
            format!("; skipped {}", skipped.join(", "))
        }
    );
    for (entry, why) in checked.unreadable() {
        eprintln!("entry {entry} not checked: {why}");
    }
    output::finish(
        checked.report(),
        &args.report,
        &format!("check {name}"),
        checked.paths(),
    )
}
