//! `check FILE.har`: the library's `har::check` on a capture file (see its docs for what a
//! capture can and cannot show).

use tower_status_conformance::har;

use crate::{output, CheckArgs, Error, Outcome};

pub(crate) fn run(args: CheckArgs) -> Result<Outcome, Error> {
    let name = args.har.display().to_string();
    let text =
        std::fs::read_to_string(&args.har).map_err(|e| format!("cannot read {name}: {e}"))?;
    let checked = match (&args.contract.openapi, args.contract.contract) {
        (Some(file), true) => {
            let (contract, lines) = crate::openapi::contract(file)?;
            for line in lines {
                crate::note!("{line}");
            }
            har::check_with_contract(&text, contract)
        }
        _ => har::check(&text),
    }
    .map_err(|e| format!("{name} is {e}"))?;
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
